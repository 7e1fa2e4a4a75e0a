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
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * A plan's life after it is proposed: acceptance (by the person, the manager, or automatically after the
 * acceptance period), step completions and the plan's completion (from progress-service), step swaps with
 * optional manager approval, archiving, and erasure. Every change is one conditional update of the plan that
 * queues its event in the same write.
 */
@Service
public class PlanLifecycle {

    static final int MAX_ALTERNATIVES = 10;
    private static final Logger log = LoggerFactory.getLogger(PlanLifecycle.class);
    private static final List<PlanStatus> OPEN = List.of(PlanStatus.PROPOSED, PlanStatus.ACTIVE);
    private static final List<PlanStatus> ARCHIVABLE = List.of(PlanStatus.PROPOSED, PlanStatus.ACTIVE,
            PlanStatus.COMPLETED);
    private static final int ARCHIVE_ATTEMPTS = 3;

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
    private volatile boolean swapNeedsApproval;

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

    /** Switches manager approval of swaps while running; the property only gives the value at start-up. */
    void swapNeedsApproval(boolean needed) {
        this.swapNeedsApproval = needed;
    }

    Plan get(String orgId, String planId) {
        return Optional.ofNullable(mongo.findOne(new Query(Criteria.where("_id").is(planId).and("orgId").is(orgId)),
                Plan.class)).orElseThrow(() -> ApiException.notFound("plan", planId));
    }

    /** The organisation a plan is stored for, whichever it is: for consumers to refuse another tenant's records. */
    Optional<String> organisationOf(String planId) {
        Query query = new Query(Criteria.where("_id").is(planId));
        query.fields().include("orgId");
        return Optional.ofNullable(mongo.findOne(query, org.bson.Document.class, "plans"))
                .map(d -> d.getString("orgId"));
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
            releaseMentors(plan);
        }
    }

    /**
     * Closes a proposed, active or completed plan for good; archiving it again changes nothing. The update matches
     * the plan as read, so the revision its {@code plan.revised} (status ARCHIVED, no diff) carries is the plan's
     * next; a concurrent change makes it read and try again. The plan's mentor slots and the seats of its steps
     * not done are given back.
     */
    Plan archive(String orgId, String planId, Actor actor, String reason) {
        return retried(() -> archiveOnce(orgId, planId, actor, reason));
    }

    private Plan archiveOnce(String orgId, String planId, Actor actor, String reason) {
        for (int attempt = 0; attempt < ARCHIVE_ATTEMPTS; attempt++) {
            Plan plan = get(orgId, planId);
            if (plan.getStatus() == PlanStatus.ARCHIVED) {
                return plan;
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            int revision = plan.getRevision() + 1;
            Update update = PlanEvents.queue(new Update().set("status", PlanStatus.ARCHIVED).set("archivedAt", now)
                    .set("archivedBy", actor.name()).set("archiveReason", reason).set("revision", revision)
                    .set("pendingSwaps", List.of()), List.of(events.archived(plan, revision, now, reason)));
            if (mongo.updateFirst(new Query(Criteria.where("_id").is(planId).and("version").is(plan.getVersion())
                    .and("status").in(ARCHIVABLE)), update, Plan.class).getModifiedCount() == 1) {
                releaseMentors(plan);
                releaseSeats(plan, plan.getSteps().stream().filter(s -> !plan.getCompletedStepIds().contains(s.stepId()))
                        .toList());
                log.info("plan {} archived by {} (was {})", planId, actor, plan.getStatus());
                return get(orgId, planId);
            }
        }
        throw changedMeanwhile();
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
        return retried(() -> swapOnce(orgId, planId, stepId, activityId, actor));
    }

    private SwapOutcome swapOnce(String orgId, String planId, String stepId, String activityId, Actor actor) {
        Plan plan = open(orgId, planId);
        PlanStep step = openStep(plan, stepId);
        PlannedStep chosen = offered(plan, step, activityId);
        if (swapNeedsApproval && actor == Actor.PERSON && plan.getStatus() == PlanStatus.ACTIVE) {
            SwapRequest request = new SwapRequest(DeterministicIds.of(planId, stepId, activityId), stepId, activityId,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
            // Asking again for the same swap leaves the one request there is.
            mongo.updateFirst(new Query(Criteria.where("_id").is(planId).and("status").is(PlanStatus.ACTIVE)
                            .and("pendingSwaps.swapId").ne(request.swapId())),
                    PlanEvents.queue(new Update().push("pendingSwaps", request), List.of()), Plan.class);
            Plan now = get(orgId, planId);
            if (now.getPendingSwaps().stream().noneMatch(r -> r.swapId().equals(request.swapId()))) {
                throw ApiException.conflict("plan " + planId + " is " + now.getStatus());
            }
            return new SwapOutcome(now, request);
        }
        return new SwapOutcome(apply(plan, step, chosen, actor == Actor.MANAGER ? "by the manager" : "by the person",
                null), null);
    }

    /**
     * The manager applies a pending swap (the caller was checked to be the owner's manager); approving it again
     * changes nothing and answers the plan.
     */
    Plan approve(String orgId, String planId, String swapId) {
        return retried(() -> approveOnce(orgId, planId, swapId));
    }

    private Plan approveOnce(String orgId, String planId, String swapId) {
        Plan plan = get(orgId, planId);
        if (plan.getApprovedSwapIds().contains(swapId)) {
            return plan;
        }
        requireOpen(plan);
        SwapRequest request = plan.getPendingSwaps().stream().filter(r -> r.swapId().equals(swapId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("swap request", swapId));
        PlanStep step = openStep(plan, request.stepId());
        PlannedStep chosen = offered(plan, step, request.activityId());
        return apply(plan, step, chosen, "requested by the person, approved by the manager", swapId);
    }

    /**
     * Replaces the step, matching only the plan as read (and, for an approval, only while the request is pending).
     * When the update misses, the seat and mentor slot taken for the replacement go back unless the plan as it is
     * now uses them (the same swap, applied concurrently, holds them under the same key).
     *
     * @param approvedSwapId the request this applies, or null for a swap applied at once
     */
    private Plan apply(Plan plan, PlanStep step, PlannedStep chosen, String by, String approvedSwapId) {
        String key = Sessions.key(plan.getId(), chosen.activityId());
        if (chosen.sessionId() != null && !sessions.reserve(chosen.sessionId(), key)) {
            throw ApiException.conflict("the session of '" + chosen.title() + "' just filled up; ask for alternatives again");
        }
        boolean newMentor = chosen.mentorId() != null && !plan.mentorIds().contains(chosen.mentorId());
        MentorPool.Snapshot pool = newMentor ? mentors.eligibleFor(plan.getOrgId(), plan.getPersonId(), plan.getId())
                : null;
        // Matched before the slot is taken, so a mentor who no longer fits leaves no slot (or seat) behind.
        Optional<MentorMatch> match = newMentor ? MentorMatcher.best(chosen.skillId(), pool.candidates().stream()
                .filter(c -> c.personId().equals(chosen.mentorId())).toList()) : Optional.empty();
        if (newMentor && (match.isEmpty() || !mentors.reserve(plan.getOrgId(), pool, chosen.mentorId(), plan.getId()))) {
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
        match.ifPresent(m -> queued.add(events.mentorAssigned(plan, m, List.of(chosen.skillId()), now)));
        Update update = PlanEvents.queue(new Update().set("steps", steps).set("revision", revision)
                .pull("pendingSwaps", new org.bson.Document("stepId", step.stepId())), queued);
        Criteria asRead = Criteria.where("_id").is(plan.getId()).and("version").is(plan.getVersion())
                .and("status").in(OPEN);
        if (approvedSwapId != null) {
            asRead.and("pendingSwaps.swapId").is(approvedSwapId);
            update.addToSet("approvedSwapIds", approvedSwapId);
        }
        if (mongo.updateFirst(new Query(asRead), update, Plan.class).getModifiedCount() != 1) {
            Plan current = mongo.findById(plan.getId(), Plan.class);
            boolean seatUsed = current != null && current.getSteps().stream().anyMatch(s ->
                    s.activityId().equals(chosen.activityId()) && chosen.sessionId() != null
                            && chosen.sessionId().equals(s.sessionId()));
            if (chosen.sessionId() != null && !seatUsed) {
                sessions.release(chosen.sessionId(), key);
            }
            if (newMentor && (current == null || !current.mentorIds().contains(chosen.mentorId()))) {
                mentors.release(chosen.mentorId(), plan.getId());
            }
            if (approvedSwapId != null && current != null && current.getApprovedSwapIds().contains(approvedSwapId)) {
                return current;
            }
            throw changedMeanwhile();
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
        return requireOpen(get(orgId, planId));
    }

    private static Plan requireOpen(Plan plan) {
        if (!OPEN.contains(plan.getStatus())) {
            throw ApiException.conflict("plan " + plan.getId() + " is " + plan.getStatus());
        }
        return plan;
    }

    private static ApiException changedMeanwhile() {
        return new ChangedMeanwhile();
    }

    /** A versioned write that found the plan changed since it was read. */
    private static final class ChangedMeanwhile extends ApiException {
        ChangedMeanwhile() {
            super(org.springframework.http.HttpStatus.CONFLICT, "Conflict", "the plan changed meanwhile; retry", List.of());
        }
    }

    /**
     * Runs a command again on the plan as it is now when its versioned write missed. The miss is often not another
     * person's change but the outbox relay claiming the plan (a lease and a version bump) to publish the events of
     * the previous command; answering 409 for that would make a caller retry what the service can.
     */
    private static <T> T retried(java.util.function.Supplier<T> command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return command.get();
            } catch (ChangedMeanwhile e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
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
            releaseSeats(plan, plan.getSteps());
            releaseMentors(plan);
            mongo.remove(new Query(Criteria.where("_id").is(plan.getId())), Plan.class);
        }
        if (!plans.isEmpty()) {
            log.info("erased {} plan(s) of an erased person", plans.size());
        }
    }

    /** Frees the mentor slots the plan holds; a slot already free stays as it is. */
    private void releaseMentors(Plan plan) {
        plan.mentorIds().forEach(m -> mentors.release(m, plan.getId()));
    }

    /** Gives back the workshop seats the steps hold; a seat already given back stays as it is. */
    private void releaseSeats(Plan plan, List<PlanStep> steps) {
        steps.stream().filter(s -> s.sessionId() != null)
                .forEach(s -> sessions.release(s.sessionId(), Sessions.key(plan.getId(), s.activityId())));
    }
}
