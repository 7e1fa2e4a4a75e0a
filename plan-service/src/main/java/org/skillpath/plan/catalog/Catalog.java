package org.skillpath.plan.catalog;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The activities an organisation can plan with: the shared default catalog plus its own.
 * <p>
 * Planning reads them from memory: each owner's activities (an organisation's, or the shared catalog's) are
 * read from the store once and kept as a snapshot, instead of being queried for every plan (on the embedded
 * store, which ignores secondary indexes, each such query read the whole collection). Every change goes through
 * {@link #store} or {@link #remove}, which drop the owner's snapshot, so this instance plans with a change at once.
 * Other instances see it when their snapshot expires ({@code skillpath.catalog.cache-ttl}, 30 s by default;
 * 0 turns the cache off). An expiry rather than a change counter in the store: the counter would cost a read per
 * plan and a write per change, only to spare the other instances those seconds, in which a plan is what it
 * would have been had it come just before the change. Reads that validate writes ({@link #find}: imports,
 * sessions) always go to the store.
 */
@Component
public class Catalog {

    private final MongoTemplate mongo;
    private final long ttlNanos;
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    /** Per owner, how many changes this instance made; a snapshot read before the latest one is not used. */
    private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();

    Catalog(MongoTemplate mongo, @Value("${skillpath.catalog.cache-ttl:PT30S}") Duration cacheTtl) {
        this.mongo = mongo;
        this.ttlNanos = cacheTtl.toNanos();
    }

    /** One owner's activities as read at {@code readAt} ({@link System#nanoTime()}), indexed by id and skill. */
    private record Snapshot(Map<String, Activity> byId, Map<String, List<Activity>> bySkill, long generation,
                            long readAt) {

        List<Activity> ofSkill(String skillId) {
            return bySkill.getOrDefault(skillId, List.of());
        }
    }

    /**
     * What planning for these skills needs: their activities and, transitively, the prerequisites of those,
     * whatever skill they serve; ordered by id.
     */
    public List<Activity> forPlanning(String orgId, Collection<String> skillIds) {
        List<Snapshot> visible = List.of(snapshot(Activity.SHARED), snapshot(orgId));
        Map<String, Activity> found = new TreeMap<>();
        Deque<String> missing = new ArrayDeque<>();
        for (String skillId : skillIds) {
            for (Snapshot s : visible) {
                for (Activity a : s.ofSkill(skillId)) {
                    if (found.putIfAbsent(a.id(), a) == null) {
                        missing.addAll(a.prerequisites());
                    }
                }
            }
        }
        while (!missing.isEmpty()) {
            String id = missing.pop();
            if (found.containsKey(id)) {
                continue;
            }
            for (Snapshot s : visible) {
                Activity a = s.byId().get(id);
                if (a != null) {
                    found.put(id, a);
                    missing.addAll(a.prerequisites());
                    break;
                }
            }
        }
        return List.copyOf(found.values());
    }

    public Optional<Activity> find(String orgId, String id) {
        return Optional.ofNullable(mongo.findOne(new Query(visible(orgId).and("_id").is(id)), Activity.class));
    }

    /** Creates or replaces activities (an organisation's, or the shared catalog's); plans from now on see them. */
    void store(List<Activity> activities) {
        try {
            activities.forEach(mongo::save);
        } finally {
            activities.stream().map(Activity::orgId).distinct().forEach(this::changed);
        }
    }

    /** Removes one of the organisation's own activities; returns whether there was one. */
    boolean remove(String orgId, String id) {
        try {
            return mongo.remove(new Query(Criteria.where("_id").is(id).and("orgId").is(orgId)), Activity.class)
                    .getDeletedCount() > 0;
        } finally {
            changed(orgId);
        }
    }

    private void changed(String owner) {
        generation(owner).incrementAndGet();
        snapshots.remove(owner);
    }

    private AtomicLong generation(String owner) {
        return generations.computeIfAbsent(owner, o -> new AtomicLong());
    }

    private Snapshot snapshot(String owner) {
        long now = System.nanoTime();
        // Taken before the read: a change committed meanwhile makes this snapshot outdated at once.
        long generation = generation(owner).get();
        Snapshot cached = snapshots.get(owner);
        if (cached != null && cached.generation() == generation && now - cached.readAt() < ttlNanos) {
            return cached;
        }
        Snapshot fresh = read(owner, generation, now);
        if (ttlNanos > 0) {
            snapshots.values().removeIf(s -> now - s.readAt() >= ttlNanos);
            snapshots.put(owner, fresh);
        }
        return fresh;
    }

    private Snapshot read(String owner, long generation, long now) {
        Map<String, Activity> byId = new HashMap<>();
        Map<String, List<Activity>> bySkill = new HashMap<>();
        for (Activity a : mongo.find(new Query(Criteria.where("orgId").is(owner)), Activity.class)) {
            byId.put(a.id(), a);
            for (String skillId : a.skillIds()) {
                bySkill.computeIfAbsent(skillId, s -> new ArrayList<>()).add(a);
            }
        }
        return new Snapshot(byId, bySkill, generation, now);
    }

    Page<Activity> page(String orgId, String skillId, int page, int size) {
        Criteria criteria = visible(orgId);
        if (skillId != null) {
            criteria = criteria.and("skillIds").is(skillId);
        }
        PageRequest request = PageRequest.of(page, size, Sort.by("id"));
        long total = mongo.count(new Query(criteria), Activity.class);
        List<Activity> items = mongo.find(new Query(criteria).with(request), Activity.class);
        return new PageImpl<>(items, request, total);
    }

    static Criteria visible(String orgId) {
        return Criteria.where("orgId").in(Activity.SHARED, orgId);
    }
}
