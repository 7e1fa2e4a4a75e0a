package org.skillpath.assessment.framework;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.skillpath.kit.consumer.Idempotency;
import org.skillpath.kit.text.ConfusableText;
import org.skillpath.kit.web.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Skill frameworks and role profiles per organisation, versioned and retirable. Each organisation starts from
 * the default framework and role profiles shipped with the service (derived in clean text from the seed
 * texts); they are copied into the organisation on first use, so its admins may version or retire them like
 * anything they created themselves.
 * <p>
 * The current (latest active) framework and role profile are read for every assessment but change rarely, so
 * they are kept per organisation and id as snapshots: every change goes through this class, which drops the
 * organisation's snapshots, so this instance rates against a change at once; other instances see it when their
 * snapshot expires ({@code skillpath.frameworks.cache-ttl}, 30 s by default; 0 turns the cache off), as if the
 * assessment had come just before the change. Reads of a pinned version and reads that validate writes go to
 * the store.
 */
@Service
public class FrameworkCatalog {

    public static final String DEFAULT_FRAMEWORK = "soft-skills-default";
    static final String SEED = "seed";

    private final MongoTemplate mongo;
    private final Clock clock;
    private final SkillFramework seedFramework;
    private final List<RoleProfile> seedProfiles;
    /** Organisations known to be seeded; a cache only: seeding is idempotent (deterministic ids). */
    private final Set<String> seeded = ConcurrentHashMap.newKeySet();
    private final long ttlNanos;
    /** The current version per organisation, kind and id, as read at {@code readAt} ({@link System#nanoTime()}). */
    private final Map<SnapshotKey, Snapshot> snapshots = new ConcurrentHashMap<>();
    /** Per organisation, how many changes this instance made; a snapshot read before the latest one is not used. */
    private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();
    /** When expired snapshots are next dropped ({@link System#nanoTime()}): once per TTL, not on every read. */
    private volatile long nextSweep = System.nanoTime();

    public FrameworkCatalog(MongoTemplate mongo, ObjectMapper mapper, Clock clock,
                            @Value("${skillpath.frameworks.cache-ttl:PT30S}") Duration cacheTtl) throws IOException {
        this.mongo = mongo;
        this.clock = clock;
        this.ttlNanos = cacheTtl.toNanos();
        try (InputStream fw = new ClassPathResource("framework/default-framework.json").getInputStream();
             InputStream rp = new ClassPathResource("framework/role-profiles.json").getInputStream()) {
            this.seedFramework = mapper.readValue(fw, SkillFramework.class);
            this.seedProfiles = List.copyOf(mapper.readValue(rp, new TypeReference<List<RoleProfile>>() { }));
        }
    }

    void ensureSeeded(String orgId) {
        if (seeded.contains(orgId)) {
            return;
        }
        Instant now = clock.instant();
        Idempotency.insertOnce(mongo, new StoredFramework(orgId, seedFramework, SEED, now));
        for (RoleProfile p : seedProfiles) {
            Idempotency.insertOnce(mongo, new StoredRoleProfile(orgId, 1, p, SEED, now));
        }
        seeded.add(orgId);
    }

    // ---- frameworks ----

    /** The latest active version of a framework: what new assessments are rated against. */
    public Optional<StoredFramework> currentFramework(String orgId, String key) {
        ensureSeeded(orgId);
        return current(orgId, StoredFramework.class, key);
    }

    public Optional<StoredFramework> framework(String orgId, String key, int version) {
        ensureSeeded(orgId);
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("_id").is(StoredFramework.idOf(orgId, key, version))
                .and("orgId").is(orgId)), StoredFramework.class));
    }

    public Page<StoredFramework> frameworks(String orgId, FrameworkStatus status, int page, int size) {
        ensureSeeded(orgId);
        return page(orgId, status, page, size, StoredFramework.class);
    }

    public StoredFramework createFramework(String orgId, FrameworkDrafts.FrameworkDraft draft, String origin) {
        ensureSeeded(orgId);
        if (draft.id() == null) {
            throw ApiException.badRequest("id", "required to create a framework");
        }
        if (mongo.exists(Query.query(Criteria.where("orgId").is(orgId).and("key").is(draft.id())), StoredFramework.class)) {
            throw ApiException.conflict("framework " + draft.id() + " exists already; post a new version to "
                    + "/api/frameworks/" + draft.id() + "/versions");
        }
        return insert(orgId, new StoredFramework(orgId, cleaned(draft, draft.id(), 1), origin, clock.instant()));
    }

    public StoredFramework newFrameworkVersion(String orgId, String key, FrameworkDrafts.FrameworkDraft draft, String origin) {
        ensureSeeded(orgId);
        if (draft.id() != null && !draft.id().equals(key)) {
            throw ApiException.unprocessable("id", "must be absent or equal to the framework's id " + key);
        }
        StoredFramework last = Optional.ofNullable(mongo.findOne(latest(orgId, key, false), StoredFramework.class))
                .orElseThrow(() -> ApiException.notFound("framework", key));
        return insert(orgId, new StoredFramework(orgId, cleaned(draft, key, last.getVersion() + 1), origin, clock.instant()));
    }

    /** A framework from an import: a new framework, or the next version of the one with the same id. */
    public StoredFramework importFramework(String orgId, FrameworkDrafts.FrameworkDraft draft) {
        ensureSeeded(orgId);
        boolean exists = mongo.exists(Query.query(Criteria.where("orgId").is(orgId).and("key").is(draft.id())),
                StoredFramework.class);
        return exists ? newFrameworkVersion(orgId, draft.id(), draft, "case-import") : createFramework(orgId, draft, "case-import");
    }

    public StoredFramework retireFramework(String orgId, String key, int version) {
        StoredFramework fw = framework(orgId, key, version).orElseThrow(() -> ApiException.notFound("framework", key + " version " + version));
        if (fw.getStatus() == FrameworkStatus.RETIRED) {
            return fw;
        }
        boolean otherActive = mongo.exists(Query.query(Criteria.where("orgId").is(orgId).and("key").is(key)
                .and("status").is(FrameworkStatus.ACTIVE).and("version").ne(version)), StoredFramework.class);
        if (!otherActive) {
            List<String> users = mongo.find(Query.query(Criteria.where("orgId").is(orgId)
                    .and("status").is(FrameworkStatus.ACTIVE).and("content.frameworkId").is(key)), StoredRoleProfile.class)
                    .stream().map(StoredRoleProfile::getKey).distinct().sorted().toList();
            if (!users.isEmpty()) {
                throw ApiException.conflict("framework " + key + " has no other active version and active role profiles "
                        + "use it: " + String.join(", ", users) + "; retire them or publish a new version first");
            }
        }
        try {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(StoredFramework.idOf(orgId, key, version))),
                    new Update().set("status", FrameworkStatus.RETIRED).set("retiredAt", clock.instant()), StoredFramework.class);
        } finally {
            changed(orgId);
        }
        return framework(orgId, key, version).orElseThrow();
    }

    // ---- role profiles ----

    /** The latest active version of a role profile: what new assessments are requested with. */
    public Optional<StoredRoleProfile> currentRoleProfile(String orgId, String key) {
        ensureSeeded(orgId);
        return current(orgId, StoredRoleProfile.class, key);
    }

    public Optional<StoredRoleProfile> roleProfile(String orgId, String key, int version) {
        ensureSeeded(orgId);
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("_id").is(StoredFramework.idOf(orgId, key, version))
                .and("orgId").is(orgId)), StoredRoleProfile.class));
    }

    public Page<StoredRoleProfile> roleProfiles(String orgId, FrameworkStatus status, int page, int size) {
        ensureSeeded(orgId);
        return page(orgId, status, page, size, StoredRoleProfile.class);
    }

    public StoredRoleProfile createRoleProfile(String orgId, FrameworkDrafts.RoleProfileDraft draft) {
        ensureSeeded(orgId);
        if (draft.id() == null) {
            throw ApiException.badRequest("id", "required to create a role profile");
        }
        if (mongo.exists(Query.query(Criteria.where("orgId").is(orgId).and("key").is(draft.id())), StoredRoleProfile.class)) {
            throw ApiException.conflict("role profile " + draft.id() + " exists already; post a new version to "
                    + "/api/role-profiles/" + draft.id() + "/versions");
        }
        return insert(orgId, new StoredRoleProfile(orgId, 1, cleaned(orgId, draft, draft.id()), "api", clock.instant()));
    }

    public StoredRoleProfile newRoleProfileVersion(String orgId, String key, FrameworkDrafts.RoleProfileDraft draft) {
        ensureSeeded(orgId);
        if (draft.id() != null && !draft.id().equals(key)) {
            throw ApiException.unprocessable("id", "must be absent or equal to the role profile's id " + key);
        }
        StoredRoleProfile last = Optional.ofNullable(mongo.findOne(latest(orgId, key, false), StoredRoleProfile.class))
                .orElseThrow(() -> ApiException.notFound("role profile", key));
        return insert(orgId, new StoredRoleProfile(orgId, last.getVersion() + 1, cleaned(orgId, draft, key), "api",
                clock.instant()));
    }

    public StoredRoleProfile retireRoleProfile(String orgId, String key, int version) {
        StoredRoleProfile p = roleProfile(orgId, key, version)
                .orElseThrow(() -> ApiException.notFound("role profile", key + " version " + version));
        if (p.getStatus() == FrameworkStatus.ACTIVE) {
            try {
                mongo.updateFirst(Query.query(Criteria.where("_id").is(StoredFramework.idOf(orgId, key, version))),
                        new Update().set("status", FrameworkStatus.RETIRED).set("retiredAt", clock.instant()),
                        StoredRoleProfile.class);
            } finally {
                changed(orgId);
            }
        }
        return roleProfile(orgId, key, version).orElseThrow();
    }

    // ---- validation ----

    /** Checks what Bean Validation cannot: level numbering, unique ids, mixed-script text. */
    SkillFramework cleaned(FrameworkDrafts.FrameworkDraft d, String key, int version) {
        List<SkillFramework.ScaleLevel> scale = new ArrayList<>();
        if (d.scale() == null) {
            // No scale given: the default 1-5 proficiency scale.
            scale.addAll(seedFramework.scale());
        } else {
            Set<Integer> levels = new HashSet<>();
            for (int i = 0; i < d.scale().size(); i++) {
                FrameworkDrafts.ScaleLevelDraft l = d.scale().get(i);
                if (!levels.add(l.level())) {
                    throw ApiException.unprocessable("scale[" + i + "].level", "level " + l.level() + " appears twice");
                }
                scale.add(new SkillFramework.ScaleLevel(l.level(), ConfusableText.clean("scale[" + i + "].name", l.name()),
                        ConfusableText.clean("scale[" + i + "].descriptor", l.descriptor())));
            }
            scale.sort((a, b) -> Integer.compare(a.level(), b.level()));
        }
        Set<String> skillIds = new HashSet<>();
        Set<String> indicatorIds = new HashSet<>();
        List<SkillFramework.Skill> skills = new ArrayList<>();
        for (int i = 0; i < d.skills().size(); i++) {
            FrameworkDrafts.SkillDraft s = d.skills().get(i);
            String f = "skills[" + i + "]";
            if (!skillIds.add(s.id())) {
                throw ApiException.unprocessable(f + ".id", "skill " + s.id() + " appears twice");
            }
            List<SkillFramework.Indicator> indicators = new ArrayList<>();
            for (int j = 0; j < s.indicators().size(); j++) {
                FrameworkDrafts.IndicatorDraft in = s.indicators().get(j);
                if (!indicatorIds.add(in.id())) {
                    throw ApiException.unprocessable(f + ".indicators[" + j + "].id", "indicator " + in.id() + " appears twice");
                }
                indicators.add(new SkillFramework.Indicator(in.id(), ConfusableText.clean(f + ".indicators[" + j + "].text", in.text())));
            }
            skills.add(new SkillFramework.Skill(s.id(), ConfusableText.clean(f + ".name", s.name()), s.category(),
                    ConfusableText.clean(f + ".description", s.description() == null ? "" : s.description()),
                    List.copyOf(indicators)));
        }
        return new SkillFramework(key, version, ConfusableText.clean("name", d.name()),
                ConfusableText.clean("description", d.description() == null ? "" : d.description()),
                List.copyOf(scale), List.copyOf(skills));
    }

    private RoleProfile cleaned(String orgId, FrameworkDrafts.RoleProfileDraft d, String key) {
        SkillFramework fw = currentFramework(orgId, d.frameworkId()).map(StoredFramework::getContent)
                .orElseThrow(() -> ApiException.unprocessable("frameworkId", "no active framework " + d.frameworkId()));
        Set<String> seen = new HashSet<>();
        List<RoleProfile.SkillTarget> targets = new ArrayList<>();
        for (int i = 0; i < d.targets().size(); i++) {
            FrameworkDrafts.TargetDraft t = d.targets().get(i);
            if (!seen.add(t.skillId())) {
                throw ApiException.unprocessable("targets[" + i + "].skillId", "skill " + t.skillId() + " appears twice");
            }
            if (fw.skill(t.skillId()).isEmpty()) {
                throw ApiException.unprocessable("targets[" + i + "].skillId", "not a skill of framework " + fw.id()
                        + " version " + fw.version());
            }
            targets.add(new RoleProfile.SkillTarget(t.skillId(), t.targetLevel(), t.weight()));
        }
        return new RoleProfile(key, ConfusableText.clean("name", d.name()), d.frameworkId(), List.copyOf(targets));
    }

    // ---- queries ----

    private static Query latest(String orgId, String key, boolean activeOnly) {
        Criteria c = Criteria.where("orgId").is(orgId).and("key").is(key);
        if (activeOnly) {
            c = c.and("status").is(FrameworkStatus.ACTIVE);
        }
        return Query.query(c).with(Sort.by(Sort.Direction.DESC, "version")).limit(1);
    }

    private <T> Page<T> page(String orgId, FrameworkStatus status, int page, int size, Class<T> type) {
        Criteria c = Criteria.where("orgId").is(orgId);
        if (status != null) {
            c = c.and("status").is(status);
        }
        PageRequest pageable = PageRequest.of(page, size, Sort.by(Sort.Order.asc("key"), Sort.Order.desc("version")));
        long total = mongo.count(Query.query(c), type);
        List<T> items = mongo.find(Query.query(c).with(pageable), type);
        return new PageImpl<>(items, pageable, total);
    }

    private <T> T insert(String orgId, T doc) {
        try {
            return mongo.insert(doc);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("another version was published at the same time; retry");
        } finally {
            changed(orgId);
        }
    }

    // ---- snapshots of the current versions ----

    private record SnapshotKey(String orgId, Class<?> type, String key) {
    }

    private record Snapshot(Object value, long generation, long readAt) {
    }

    /** The latest active version from the snapshot, else from the store (kept when found; absence is not kept). */
    private <T> Optional<T> current(String orgId, Class<T> type, String key) {
        long now = System.nanoTime();
        // Taken before the read: a change committed meanwhile makes this snapshot outdated at once.
        long generation = generation(orgId).get();
        SnapshotKey id = new SnapshotKey(orgId, type, key);
        Snapshot cached = snapshots.get(id);
        if (cached != null && cached.generation() == generation && now - cached.readAt() < ttlNanos) {
            return Optional.of(type.cast(cached.value()));
        }
        T fresh = mongo.findOne(latest(orgId, key, true), type);
        if (fresh != null && ttlNanos > 0) {
            if (now - nextSweep >= 0) {
                nextSweep = now + ttlNanos;
                snapshots.values().removeIf(s -> now - s.readAt() >= ttlNanos);
            }
            snapshots.put(id, new Snapshot(fresh, generation, now));
        }
        return Optional.ofNullable(fresh);
    }

    /** After every write (even a failed one: it may have reached the store), the organisation's snapshots go. */
    private void changed(String orgId) {
        generation(orgId).incrementAndGet();
        snapshots.keySet().removeIf(id -> id.orgId().equals(orgId));
    }

    private AtomicLong generation(String orgId) {
        return generations.computeIfAbsent(orgId, o -> new AtomicLong());
    }
}
