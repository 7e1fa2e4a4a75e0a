package org.skillpath.notification.preferences;

import java.time.Instant;
import java.util.Set;

import org.skillpath.notification.policy.Category;
import org.skillpath.notification.policy.DigestMode;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person's mail preferences, stored only once they changed something (everyone else has the defaults).
 * Quiet hours are kept as {@code HH:mm} text; null means the organisation's default.
 */
@Document(Preferences.COLLECTION)
@CompoundIndex(name = "org_person", def = "{'orgId': 1, '_id': 1}")
record Preferences(@Id String personId, String orgId, Set<Category> optedOut, DigestMode digest, String quietStart,
                   String quietEnd, Instant updatedAt) {

    static final String COLLECTION = "preferences";
}
