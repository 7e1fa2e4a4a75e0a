package org.skillpath.plan.catalog;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.skillpath.plan.planning.SessionSlot;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Workshop sessions: what the planner may use, and seats taken or given back atomically. */
@Component
public class Sessions {

    private final MongoTemplate mongo;

    Sessions(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The sessions with seats left of these workshops, visible to the organisation, starting within the dates. */
    public Map<String, List<SessionSlot>> openSlots(String orgId, Collection<String> activityIds, LocalDate from,
                                                    LocalDate until) {
        if (activityIds.isEmpty()) {
            return Map.of();
        }
        Query query = new Query(Criteria.where("activityId").in(activityIds).and("orgId").in(Activity.SHARED, orgId)
                .and("seatsLeft").gt(0).and("startsOn").gte(from).lt(until)).with(Sort.by("startsOn", "_id"));
        // Only the fields a slot needs: not the reservations, which grow with every seat taken.
        return mongo.query(WorkshopSession.class).as(Open.class).matching(query).all().stream()
                .map(s -> new SessionSlot(s.id(), s.activityId(), s.startsOn(), s.seatsLeft()))
                .collect(Collectors.groupingBy(SessionSlot::activityId));
    }

    /** What {@link #openSlots} reads of a session. */
    record Open(@Id String id, String activityId, LocalDate startsOn, int seatsLeft) {
    }

    /**
     * Takes a seat for {@code key}: one update that matches only while a seat is left and the key holds none. A
     * repeated call with the same key (a redelivery) finds its seat and takes no second one.
     */
    public boolean reserve(String sessionId, String key) {
        Query query = new Query(Criteria.where("_id").is(sessionId).and("seatsLeft").gt(0).and("reservations").ne(key));
        if (mongo.updateFirst(query, new Update().inc("seatsLeft", -1).push("reservations", key),
                WorkshopSession.class).getModifiedCount() == 1) {
            return true;
        }
        return holds(sessionId, key);
    }

    /** Gives the seat back; a no-op when the key holds none. */
    public void release(String sessionId, String key) {
        mongo.updateFirst(new Query(Criteria.where("_id").is(sessionId).and("reservations").is(key)),
                new Update().inc("seatsLeft", 1).pull("reservations", key), WorkshopSession.class);
    }

    public boolean holds(String sessionId, String key) {
        return mongo.exists(new Query(Criteria.where("_id").is(sessionId).and("reservations").is(key)),
                WorkshopSession.class);
    }

    public static String key(String planId, String activityId) {
        return planId + "|" + activityId;
    }

    List<WorkshopSession> of(String orgId, String activityId) {
        return mongo.find(new Query(Criteria.where("activityId").is(activityId).and("orgId").in(Activity.SHARED, orgId))
                .with(Sort.by("startsOn", "_id")), WorkshopSession.class);
    }

    void insert(WorkshopSession session) {
        mongo.insert(session);
    }
}
