package org.skillpath.notification.escalation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import org.skillpath.kit.consumer.Idempotency;
import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.notification.policy.PolicySettings;
import org.skillpath.notification.recipients.PersonErased;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Tracks overdue steps. progress-service reports a step overdue once per due date, so the escalation after N
 * days is scheduled here ({@code escalateAt} = due date + N days, 00:00 UTC) and carried out by
 * {@link EscalationJob}; whatever resolves the step first cancels it.
 */
@Component
public class OverdueSteps {

    private final MongoTemplate mongo;
    private final PolicySettings policy;

    public OverdueSteps(MongoTemplate mongo, PolicySettings policy) {
        this.mongo = mongo;
        this.policy = policy;
    }

    /** One document per step and due date: a redelivered or repeated step.overdue changes nothing. */
    public void track(String orgId, String personId, String planId, String stepId, String title, LocalDate dueOn,
                      String managerId, String causeEventId) {
        Instant escalateAt = dueOn.plusDays(policy.escalationAfterDays()).atStartOfDay(ZoneOffset.UTC).toInstant();
        Idempotency.insertOnce(mongo, OverdueStep.open(DeterministicIds.of("overdue", orgId, planId, stepId,
                dueOn.toString()), orgId, personId, planId, stepId, title, dueOn, managerId, causeEventId, escalateAt));
    }

    /** The step was completed. */
    public void resolve(String orgId, String planId, String stepId) {
        mongo.updateMulti(new Query(Criteria.where("orgId").is(orgId).and("planId").is(planId).and("stepId").is(stepId)
                .and("resolved").is(false)), new Update().set("resolved", true), OverdueStep.class);
    }

    /** The step is due again on {@code dueOn} (the plan was revised): older due dates no longer count. */
    public void rescheduled(String orgId, String planId, String stepId, LocalDate dueOn) {
        mongo.updateMulti(new Query(Criteria.where("orgId").is(orgId).and("planId").is(planId).and("stepId").is(stepId)
                .and("dueOn").ne(dueOn).and("resolved").is(false)), new Update().set("resolved", true), OverdueStep.class);
    }

    public void resolvePlan(String orgId, String planId) {
        mongo.updateMulti(new Query(Criteria.where("orgId").is(orgId).and("planId").is(planId).and("resolved").is(false)),
                new Update().set("resolved", true), OverdueStep.class);
    }

    /** The steps of these people still overdue, oldest due date first. */
    public List<OverdueStep> open(String orgId, Collection<String> personIds) {
        return mongo.find(new Query(Criteria.where("orgId").is(orgId).and("personId").in(personIds)
                .and("resolved").is(false)).with(Sort.by("dueOn", "_id")), OverdueStep.class);
    }

    @EventListener
    void onPersonErased(PersonErased erased) {
        mongo.remove(new Query(Criteria.where("orgId").is(erased.orgId()).and("personId").is(erased.personId())),
                OverdueStep.class);
    }
}
