package org.skillpath.notification.policy;

import java.util.List;

import org.skillpath.notification.recipients.PersonErased;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The weekly cap as one counter document per person and ISO week. A nudge takes a slot with a single atomic
 * update that matches only while the counter is below the cap and the nudge holds no slot yet, so two
 * instances sending at once can never exceed it, and a retried nudge keeps the slot it took.
 */
@Component
public class WeeklyCaps {

    static final String COLLECTION = "weekly_caps";

    private final MongoTemplate mongo;

    public WeeklyCaps(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** @return true when the nudge holds a slot of this week (now or from an earlier attempt) */
    public boolean reserve(String orgId, String personId, IsoWeek week, String nudgeId, int cap) {
        if (cap <= 0) {
            return false;
        }
        String key = key(orgId, personId, week);
        Query free = new Query(Criteria.where("_id").is(key).and("nudgeIds").ne(nudgeId).and("count").lt(cap));
        Update take = new Update().inc("count", 1).push("nudgeIds", nudgeId)
                .setOnInsert("orgId", orgId).setOnInsert("personId", personId).setOnInsert("week", week.toString());
        try {
            mongo.upsert(free, take, Counter.class, COLLECTION);
        } catch (DuplicateKeyException fullOrHeld) {
            // The counter exists but did not match: full, or this nudge holds a slot already (checked below).
        }
        return holds(key, nudgeId);
    }

    private boolean holds(String key, String nudgeId) {
        Counter c = mongo.findById(key, Counter.class, COLLECTION);
        return c != null && c.nudgeIds() != null && c.nudgeIds().contains(nudgeId);
    }

    @EventListener
    void onPersonErased(PersonErased erased) {
        mongo.remove(new Query(Criteria.where("orgId").is(erased.orgId()).and("personId").is(erased.personId())),
                COLLECTION);
    }

    static String key(String orgId, String personId, IsoWeek week) {
        return orgId + "|" + personId + "|" + week;
    }

    @Document(COLLECTION)
    @CompoundIndex(name = "org_person", def = "{'orgId': 1, 'personId': 1}")
    record Counter(@Id String id, String orgId, String personId, String week, int count, List<String> nudgeIds) {
    }
}
