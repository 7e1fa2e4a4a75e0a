package org.skillpath.plan.plans;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.kit.outbox.OutboxEvent;
import org.skillpath.kit.web.ApiException;
import org.skillpath.plan.catalog.Sessions;
import org.skillpath.plan.mentoring.MentorPool;
import org.skillpath.plan.people.PersonErased;
import org.skillpath.plan.people.PersonViews;
import org.skillpath.plan.planning.MentorMatch;
import org.skillpath.plan.planning.MentorMatcher;
import org.skillpath.plan.planning.PlannedStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * A plan's life after it is proposed: acceptance (by the person, the manager, or automatically after the
 * acceptance period), step completions and the plan's completion (from progress-service), step swaps with
 * optional manager approval, and erasure. Every change is one conditional update of the plan that queues its
 * event in the same write.
 */
@Service
public class PlanLifecycle {

    static final int MAX_ALTERNATIVES = 10;
    private static final Logger log = LoggerFactory.getLogger(PlanLifecycle.class);
    private static final List<PlanStatus> OPEN = List.of(PlanStatus.PROPOSED, PlanStatus.ACTIVE);

    /** The result of a swap request: applied (the plan) or waiting for approval (the request). */
    record SwapOutcome(Plan plan, SwapRequest pending) {
    }

    private final MongoTemplate mongo;
    private final PlanEvents events;
    private final PlanBuilder builder;
    private final Sessions sessions;
    private final MentorPool mentors;
    private final PersonViews people;
    private final Clock clock;
    private final Duration activateAfter;
    private final boolean swapNeedsApproval;

    PlanLifecycle(MongoTemplate mongo, PlanEvents events, PlanBuilder builder, Sessions sessions, MentorPool mentors,
                  PersonViews people, Clock clock,
                  @Value("${skillpath.planning.activate-after:P7D}") Duration activateAfter,
                  @Value("${skillpath.planning.swap-needs-approval:false}") boolean swapNeedsApproval) {
        this.mongo = mongo;
        this.events = events;
        this.builder = builder;
        this.sessions = sessions;
        this.mentors = mentors;
        this.people = people;
        this.clock = clock;
        this.activateAfter = activateAfter;
        this.swapNeedsApproval = swapNeedsApproval;
    }

    Plan get(String orgId, String planId) {
        return Optional.ofNullable(mongo.findOne(new Query(Criteria.where("_id").is(planId).and("orgId").is(orgId)),
                Plan.class)).orElseThrow(() -> ApiException.notFound("plan", planId));
    }

    /** Accepting an active plan again changes nothing; a completed or archived one cannot be accepted. */
    public Plan accept(String orgId, String planId, Actor actor) {
        Plan plan = get(orgId, planId);
        if (plan.getStatus() == PlanStatus.PROPOSED) {
            activate(plan, actor.name());
            plan = get(orgId, planId);
        }
        if (plan.getStatus() != PlanStatus.ACTIVE) {
            throw ApiException.conflict("plan " + planId + " is " + plan.getStatus() + " and cannot be accepted");
        }
        return plan;
    }

    /**
     * Proposals older than the acceptance period become active. The claim is the conditional update itself
     * (status still PROPOSED), so instances running this at the same time activate each plan once.
     */
    @Scheduled(initialDelayString = "${skillpath.planning.activation-scan:PT1M}",
            fixedDelayString = "${skillpath.planning.activation-scan:PT1M}")
    public int activateDue() {
        Instant cutoff = clock.instant().minus(activateAfter);
        List<Plan> due = mongo.find(new Query(Criteria.where("status").is(PlanStatus.PROPOSED)
                .and("createdAt").lte(cutoff)).with(Sort.by("createdAt", "_id")).limit(200), Plan.class);
        int activated = 0;
        for (Plan plan : due) {
            if (activate(plan, "AUTOMATIC")) {
                activated++;
            }
        }
        if (activated > 0) {
            log.info("{} plan(s) activated automatically after {}", activated, activateAfter);
        }
        return activated;
    }

    private boolean activate(Plan plan, String by) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Update update = PlanEvents.queue(new Update().set("status", PlanStatus.ACTIVE).set("activatedAt", now)
                .set("activatedBy", by), List.of(events.activated(plan, by, now)));
        return mongo.updateFirst(new Query(Criteria.where("_id").is(plan.getId()).and("status").is(PlanStatus.PROPOSED)),
                update, Plan.class).getModifiedCount() == 1;
    }

    /** From {@code step.completed}: a set, so a redelivery adds nothing. */
    void stepCompleted(String orgId, String planId, String stepId, String activityId, String personId) {
        mongo.updateFirst(new Query(Criteria.where("_id").is(planId).and("orgId").is(orgId)),
                PlanEvents.queue(new Update().addToSet("completedStepIds", stepId), List.of()), Plan.class);
        String activity = activityId;
        if (activity == null) {
            Plan plan = mongo.findOne(new Query(Criteria.where("_id").is(planId).and("orgId").is(orgId)), Plan.class);
            activity = plan == null ? null : plan.getSteps().stream().filter(s -> s.stepId().equals(stepId))
                    .map(PlanStep::activityId).findFirst().orElse(null);
        }
        if (activity != null) {
            people.recordCompletedActivity(orgId, personId, activity);
        }
    }

    /** From {@code plan.completed}: the plan closes and its mentors' slots free up (both repeatable). */
    void completed(String orgId, String planId, Instant at) {
        mongo.updateFirst(new Query(Criteria.where("_id").is(planId).and("orgId").is(orgId).and("status").in(OPEN)),
                PlanEvents.queue(new Update().set("status", PlanStatus.COMPLETED).set("completedAt", at), List.of()),
                Plan.class);
        Plan plan = mongo.findOne(new Query(Criteria.where("_id").is(planId).and("orgId").is(orgId)), Plan.class);
        if (plan != null && plan.getStatus() == PlanStatus.COMPLETED) {
            plan.mentorIds().forEach(m -> mentors.release(m, planId));
        }
    }

    List<PlannedStep> alternatives(String orgId, String planId, String stepId) {
        Plan plan = open(orgId, planId);
        return builder.alternatives(plan, openStep(plan, stepId), MAX_ALTERNATIVES);
    }

    /**
     * Swaps a step for one of the alternatives the planner offers. When approval is configured, a person's swap
     * of an active plan waits for the manager; a manager's applies at once.
     */
    SwapOutcome swap(String orgId, String planId, String stepId, String activityId, Actor actor) {
        Plan plan = open(orgId, planId);
        PlanStep step = openStep(plan, stepId);
        PlannedStep chosen = offered(plan, step, activityId);
        if (swapNeedsApproval && actor == Actor.PERSON && plan.getStatus() == PlanStatus.ACTIVE) {
            SwapRequest request = new SwapRequest(DeterministicIds.of(planId, stepId, activityId), stepId, activityId,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
            mongo.updateFirst(new Query(Criteria.where("_id").is(planId).and("pendingSwaps.swapId").ne(request.swapId())),
                    PlanEvents.queue(new Update().push("pendingSwaps", request), List.of()), Plan.class);
            return new SwapOutcome(get(orgId, planId), request);
        }
        return new SwapOutcome(apply(plan, step, chosen, actor == Actor.MANAGER ? "by the manager" : "by the person"), null);
    }

    Plan approve(String orgId, String planId, String swapId, Actor actor) {
        if (actor != Actor.MANAGER) {
            throw ApiException.unprocessable("actor", "only the manager approves a swap");
        }
        Plan plan = open(orgId, planId);
        SwapRequest request = plan.getPendingSwaps().stream().filter(r -> r.swapId().equals(swapId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("swap request", swapId));
        PlanStep step = openStep(plan, request.stepId());
        PlannedStep chosen = offered(plan, step, request.activityId());
        return apply(plan, step, chosen, "requested by the person, approved by the manager");
    }

    private Plan apply(Plan plan, PlanStep step, PlannedStep chosen, String by) {
        String key = Sessions.key(plan.getId(), chosen.activityId());
        if (chosen.sessionId() != null && !sessions.reserve(chosen.sessionId(), key)) {
            throw ApiException.conflict("the session of '" + chosen.title() + "' just filled up; ask for alternatives again");
        }
        boolean newMentor = chosen.mentorId() != null && !plan.mentorIds().contains(chosen.mentorId());
        MentorPool.Snapshot pool = newMentor ? mentors.eligibleFor(plan.getOrgId(), plan.getPersonId(), plan.getId())
                : null;
        if (newMentor && !mentors.reserve(plan.getOrgId(), pool, chosen.mentorId(), plan.getId())) {
            if (chosen.sessionId() != null) {
                sessions.release(chosen.sessionId(), key);
            }
            throw ApiException.conflict("the mentor of '" + chosen.title() + "' has no room left; ask for alternatives again");
        }
        PlanStep replacement = PlanProposals.steps(plan.getId(), List.of(chosen)).get(0);
        List<PlanStep> steps = new ArrayList<>();
        for (PlanStep s : plan.getSteps()) {
            steps.add(s.stepId().equals(step.stepId()) ? replacement : s);
        }
        steps.sort(java.util.Comparator.comparing(PlanStep::startsOn).thenComparing(PlanStep::stepId));
        int revision = plan.getRevision() + 1;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String reason = "Swapped '" + step.title() + "' for '" + chosen.title() + "' (" + by + ").";
        List<OutboxEvent> queued = new ArrayList<>();
        queued.add(events.revised(plan, "swap-" + revision, revision, now, reason, List.of(replacement),
                List.of(step.stepId()), steps, plan.getStatus()));
        if (newMentor) {
            MentorMatch match = MentorMatcher.best(chosen.skillId(), pool.candidates()
                    .stream().filter(c -> c.personId().equals(chosen.mentorId())).toList())
                    .orElseThrow(() -> ApiException.conflict("the mentor of '" + chosen.title() + "' no longer fits"));
            queued.add(events.mentorAssigned(plan, match, List.of(chosen.skillId()), now));
        }
        Update update = PlanEvents.queue(new Update().set("steps", steps).set("revision", revision)
                .pull("pendingSwaps", new org.bson.Document("stepId", step.stepId())), queued);
        if (mongo.updateFirst(new Query(Criteria.where("_id").is(plan.getId()).and("version").is(plan.getVersion())
                .and("status").in(OPEN)), update, Plan.class).getModifiedCount() != 1) {
            if (chosen.sessionId() != null) {
                sessions.release(chosen.sessionId(), key);
            }
            if (newMentor) {
                mentors.release(chosen.mentorId(), plan.getId());
            }
            throw new ApiException(HttpStatus.CONFLICT, "Conflict", "the plan changed meanwhile; retry", List.of());
        }
        if (step.sessionId() != null) {
            sessions.release(step.sessionId(), Sessions.key(plan.getId(), step.activityId()));
        }
        if (step.mentorId() != null && steps.stream().noneMatch(s -> step.mentorId().equals(s.mentorId()))) {
            mentors.release(step.mentorId(), plan.getId());
        }
        return get(plan.getOrgId(), plan.getId());
    }

    private PlannedStep offered(Plan plan, PlanStep step, String activityId) {
        return builder.alternatives(plan, step, Integer.MAX_VALUE).stream()
                .filter(a -> a.activityId().equals(activityId)).findFirst()
                .orElseThrow(() -> ApiException.unprocessable("activityId",
                        "not one of the alternatives the planner offers for this step"));
    }

    private Plan open(String orgId, String planId) {
        Plan plan = get(orgId, planId);
        if (!OPEN.contains(plan.getStatus())) {
            throw ApiException.conflict("plan " + planId + " is " + plan.getStatus());
        }
        return plan;
    }

    private static PlanStep openStep(Plan plan, String stepId) {
        PlanStep step = plan.getSteps().stream().filter(s -> s.stepId().equals(stepId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("step", stepId));
        if (plan.getCompletedStepIds().contains(stepId)) {
            throw ApiException.conflict("step " + stepId + " is completed and stays in the plan");
        }
        return step;
    }

    /** The erased person's plans go, and the seats and mentor slots they held are given back. */
    @EventListener
    void erase(PersonErased erased) {
        List<Plan> plans = mongo.find(new Query(Criteria.where("orgId").is(erased.orgId())
                .and("personId").is(erased.personId())), Plan.class);
        for (Plan plan : plans) {
            plan.getSteps().stream().filter(s -> s.sessionId() != null)
                    .forEach(s -> sessions.release(s.sessionId(), Sessions.key(plan.getId(), s.activityId())));
            plan.mentorIds().forEach(m -> mentors.release(m, plan.getId()));
            mongo.remove(new Query(Criteria.where("_id").is(plan.getId())), Plan.class);
        }
        if (!plans.isEmpty()) {
            log.info("erased {} plan(s) of an erased person", plans.size());
        }
    }
}
