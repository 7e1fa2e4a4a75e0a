package org.skillpath.assessment.framework;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/** One version of an organisation's role profile; immutable apart from being retired. */
@Document("role_profiles")
@CompoundIndex(name = "org_key_version", def = "{'orgId': 1, 'key': 1, 'version': -1}")
public class StoredRoleProfile {

    @Id
    private String id;
    private String orgId;
    private String key;
    private int version;
    private FrameworkStatus status;
    private String origin;
    private RoleProfile content;
    private Instant createdAt;
    private Instant retiredAt;

    protected StoredRoleProfile() {
    }

    StoredRoleProfile(String orgId, int version, RoleProfile content, String origin, Instant now) {
        this.id = StoredFramework.idOf(orgId, content.id(), version);
        this.orgId = orgId;
        this.key = content.id();
        this.version = version;
        this.status = FrameworkStatus.ACTIVE;
        this.origin = origin;
        this.content = content;
        this.createdAt = now;
    }

    public String getKey() {
        return key;
    }

    public int getVersion() {
        return version;
    }

    public FrameworkStatus getStatus() {
        return status;
    }

    public String getOrigin() {
        return origin;
    }

    public RoleProfile getContent() {
        return content;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getRetiredAt() {
        return retiredAt;
    }
}
