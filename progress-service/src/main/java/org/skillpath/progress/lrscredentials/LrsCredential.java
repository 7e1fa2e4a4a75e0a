package org.skillpath.progress.lrscredentials;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An L&D platform's credentials for the LRS (xAPI over HTTP Basic, as LRSs are commonly called): the key is the
 * Basic user name, the secret its password. Only the secret's BCrypt hash is kept; the secret itself is shown
 * once, when the credential is created. A revoked credential stays listed, so admins see what was cut off.
 *
 * @param key       the public part, {@code lrs-} and 24 hex digits
 * @param orgId     the organisation whose statements the credential sends, whatever a request says
 * @param createdBy the L&D admin who created it
 */
@Document("lrs_credentials")
@CompoundIndex(name = "org_created", def = "{'orgId': 1, 'createdAt': -1}")
public record LrsCredential(@Id String key, String orgId, String secretHash, String label, Instant createdAt,
                            String createdBy, boolean revoked, Instant revokedAt, String revokedBy) {
}
