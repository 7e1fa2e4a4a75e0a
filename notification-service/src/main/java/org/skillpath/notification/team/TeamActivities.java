package org.skillpath.notification.team;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import org.skillpath.kit.consumer.Idempotency;
import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.kit.events.InboundEvent;
import org.skillpath.notification.recipients.PersonErased;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Records team activity once per causing event, and reads it per week for the manager digest. */
@Component
public class TeamActivities {

    private final MongoTemplate mongo;
    private final Clock clock;

    public TeamActivities(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** @param at when it happened, from the event; null: now */
    public void record(InboundEvent cause, String orgId, String personId, TeamActivity.Type type, String planId,
                       String stepId, String title, LocalDate date, Integer progressPercent, Instant at) {
        Idempotency.insertOnce(mongo, new TeamActivity(DeterministicIds.of(cause.dedupKey(), "team-activity"), orgId,
                personId, type, planId, stepId, title, date, progressPercent, at != null ? at : clock.instant()));
    }

    List<TeamActivity> during(String orgId, Collection<String> personIds, Instant from, Instant until) {
        Query query = new Query(Criteria.where("orgId").is(orgId).and("personId").in(personIds)
                .and("at").gte(from).lt(until)).with(Sort.by("at", "_id"));
        return mongo.find(query, TeamActivity.class);
    }

    @EventListener
    void onPersonErased(PersonErased erased) {
        mongo.remove(new Query(Criteria.where("orgId").is(erased.orgId()).and("personId").is(erased.personId())),
                TeamActivity.class);
    }
}
