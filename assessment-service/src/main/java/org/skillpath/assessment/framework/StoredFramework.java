package org.skillpath.assessment.framework;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One version of an organisation's skill framework. Versions are immutable apart from being retired, so an
 * assessment pinned to a version can always be re-read exactly as it was rated.
 */
@Document("frameworks")
@CompoundIndex(name = "org_key_version", def = "{'orgId': 1, 'key': 1, 'version': -1}")
public class StoredFramework {

    @Id
    private String id;
    private String orgId;
    private String key;
    private int version;
    private FrameworkStatus status;
    private String origin;
    private SkillFramework content;
    private Instant createdAt;
    private Instant retiredAt;

    protected StoredFramework() {
    }

    StoredFramework(String orgId, SkillFramework content, String origin, Instant now) {
        this.id = idOf(orgId, content.id(), content.version());
        this.orgId = orgId;
        this.key = content.id();
        this.version = content.version();
        this.status = FrameworkStatus.ACTIVE;
        this.origin = origin;
        this.content = content;
        this.createdAt = now;
    }

    static String idOf(String orgId, String key, int version) {
        return orgId + ":" + key + ":" + version;
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

    public SkillFramework getContent() {
        return content;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getRetiredAt() {
        return retiredAt;
    }
}
