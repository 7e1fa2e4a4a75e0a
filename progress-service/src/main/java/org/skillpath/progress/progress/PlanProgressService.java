package org.skillpath.progress.progress;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The one way plans change: load, apply a change in memory, settle (plan completion, next scan day), save with
 * the version check. A concurrent writer (another request, a consumer, the outbox relay's claim) makes the save
 * fail instead of being overwritten; the change is then re-applied to the fresh state. Changes are written as
 * idempotent functions of the state, so applying one again after a lost race is safe.
 */
@Service
public class PlanProgressService {

    private static final int ATTEMPTS = 8;

    private final MongoTemplate mongo;
    private final ProgressEvents events;
    private final ProgressPolicy policy;
    private final Clock clock;

    PlanProgressService(MongoTemplate mongo, ProgressEvents events, ProgressPolicy policy, Clock clock) {
        this.mongo = mongo;
        this.events = events;
        this.policy = policy;
        this.clock = clock;
    }

    /** What a change sees: the moment it happens and the services it may raise events with. */
    public record Context(Instant now, LocalDate today, ProgressPolicy policy, ProgressEvents events) {
    }

    /**
     * Applies {@code change} to the plan of this organisation, or returns empty when there is no such plan.
     * Exceptions thrown by the change (refused transitions) leave the plan untouched.
     */
    public <T> Optional<T> update(String orgId, String planId, Function<Change, T> change) {
        for (int attempt = 1; ; attempt++) {
            PlanProgress plan = mongo.findOne(Query.query(Criteria.where("_id").is(planId).and("orgId").is(orgId)),
                    PlanProgress.class);
            if (plan == null) {
                return Optional.empty();
            }
            Context context = context();
            T result = change.apply(new Change(plan, context));
            plan.settle(context.now(), context.today(), policy, events);
            try {
                mongo.save(plan);
                return Optional.of(result);
            } catch (OptimisticLockingFailureException raced) {
                if (attempt >= ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    /** Opens the progress record of a new plan; false when it exists already (a redelivered plan.created). */
    boolean create(PlanProgress plan) {
        Context context = context();
        plan.settle(context.now(), context.today(), policy, events);
        return org.skillpath.kit.consumer.Idempotency.insertOnce(mongo, plan);
    }

    public List<PlanProgress> plansOf(String orgId, String personId) {
        return mongo.find(Query.query(Criteria.where("orgId").is(orgId).and("personId").is(personId)), PlanProgress.class);
    }

    Context context() {
        Instant now = clock.instant();
        return new Context(now, LocalDate.ofInstant(now, clock.getZone()), policy, events);
    }

    /** A plan being changed, with the moment and the tools of the change. */
    public record Change(PlanProgress plan, Context context) {
    }
}
