package org.skillpath.plan.plans;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.skillpath.kit.consumer.Idempotency;
import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.kit.outbox.OutboxEvent;
import org.skillpath.plan.catalog.Sessions;
import org.skillpath.plan.mentoring.MentorPool;
import org.skillpath.plan.people.PersonView;
import org.skillpath.plan.planning.KeptStep;
import org.skillpath.plan.planning.MentorMatch;
import org.skillpath.plan.planning.PlannedStep;
import org.skillpath.plan.planning.SkillGap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Turns identified gaps into a plan: a first plan (stored with {@code plan.created} and a {@code mentor.assigned}
 * per mentor), or for a reassessment the revision of the person's active plan ({@code plan.revised} with the diff).
 */
@Service
class PlanProposals {

    private static final Logger log = LoggerFactory.getLogger(PlanProposals.class);

    private final MongoTemplate mongo;
    private final PlanBuilder builder;
    private final PlanEvents events;
    private final Sessions sessions;
    private final MentorPool mentors;
    private final Clock clock;

    PlanProposals(MongoTemplate mongo, PlanBuilder builder, PlanEvents events, Sessions sessions, MentorPool mentors,
                  Clock clock) {
        this.mongo = mongo;
        this.builder = builder;
        this.events = events;
        this.sessions = sessions;
        this.mentors = mentors;
        this.clock = clock;
    }

    /**
     * A reassessment revises the active plan when there is one; anything else proposes a plan.
     *
     * @param person     the assessed person as stored in the event's organisation
     * @param planStored whether this assessment's plan exists already (the consumer's tenant check read it)
     */
    void handle(SkillGapsIdentified identified, PersonView person, boolean planStored) {
        if (identified.reassessment()) {
            Plan active = mongo.findOne(new Query(Criteria.where("orgId").is(identified.orgId())
                    .and("personId").is(identified.personId()).and("status").is(PlanStatus.ACTIVE))
                    .with(Sort.by(Sort.Order.desc("createdAt"))), Plan.class);
            if (active != null) {
                revise(identified, active, person);
                return;
            }
        }
        if (planStored) {
            return;
        }
        propose(identified, person).ifPresent(plan -> log.info("plan {} proposed for person {} ({} steps)", plan.getId(),
                plan.getPersonId(), plan.getSteps().size()));
    }

    /**
     * One atomic insert with a deterministic id: a redelivered or replayed event finds the plan there (as the
     * consumer read it, or by the insert's collision) and changes nothing, so exactly one {@code plan.created} is
     * ever queued per assessment.
     */
    Optional<Plan> propose(SkillGapsIdentified identified, PersonView person) {
        String planId = DeterministicIds.of("plan", identified.assessmentId());
        if (identified.gaps().isEmpty()) {
            log.info("assessment {}: no gaps, no plan", identified.assessmentId());
            return Optional.empty();
        }
        PlanBuilder.Built built = builder.build(person, planId, identified.skillGaps(), List.of(),
                firstMondayOnOrAfter(identified.identifiedAt()));
        if (built.draft().steps().isEmpty()) {
            log.warn("assessment {}: no activity could be planned, no plan: {}", identified.assessmentId(),
                    built.draft().notes());
            builder.release(planId, built, Set.of());
            return Optional.empty();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Plan plan = new Plan(planId, identified.personId(), identified.orgId(), identified.assessmentId(),
                identified.roleName(), built.draft().startsOn(), built.draft().endsOn(), built.weeklyBudgetHours(),
                built.draft().mix(), steps(planId, built.draft().steps()), built.draft().notes(),
                identified.skillGaps(), now);
        plan.announce(events.created(plan));
        for (MentorMatch match : built.draft().mentors()) {
            plan.announce(events.mentorAssigned(plan, match, skillsMentored(plan, match.mentorId()), now));
        }
        if (!Idempotency.insertOnce(mongo, plan)) {
            // A concurrent delivery stored the plan first: keep only what that plan uses.
            Plan stored = mongo.findById(planId, Plan.class);
            Set<String> keep = stored == null ? Set.of() : Set.copyOf(stored.mentorIds());
            Set<String> seats = stored == null ? Set.of() : stored.getSteps().stream().map(PlanStep::sessionId)
                    .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
            built.seats().forEach((session, key) -> {
                if (!seats.contains(session)) {
                    sessions.release(session, key);
                }
            });
            built.mentors().stream().filter(m -> !keep.contains(m)).forEach(m -> mentors.release(m, planId));
            return Optional.empty();
        }
        return Optional.of(plan);
    }

    /**
     * Completed steps stay; open steps of gaps that closed are dropped; the open gaps get steps for what they
     * still lack. One conditional update stores the revision with its {@code plan.revised}; it matches only the
     * plan as read and only if this reassessment has not revised it yet, so a redelivery changes nothing.
     */
    void revise(SkillGapsIdentified identified, Plan plan, PersonView person) {
        if (plan.getRevisedFor().contains(identified.assessmentId())) {
            return;
        }
        Set<String> openSkills = identified.skillGaps().stream().map(SkillGap::skillId).collect(Collectors.toSet());
        Set<String> completed = new HashSet<>(plan.getCompletedStepIds());
        List<PlanStep> keep = new ArrayList<>();
        List<PlanStep> removed = new ArrayList<>();
        for (PlanStep s : plan.getSteps()) {
            (completed.contains(s.stepId()) || openSkills.contains(s.skillId()) ? keep : removed).add(s);
        }
        List<KeptStep> kept = keep.stream().map(s -> PlanBuilder.kept(s, completed.contains(s.stepId()))).toList();
        LocalDate from = firstMondayOnOrAfter(identified.identifiedAt());
        PlanBuilder.Built built = builder.build(person, plan.getId(), identified.skillGaps(), kept, from);
        List<PlanStep> added = steps(plan.getId(), built.draft().steps());
        List<PlanStep> all = new ArrayList<>(keep);
        all.addAll(added);
        all.sort(Comparator.comparing(PlanStep::startsOn).thenComparing(PlanStep::stepId));
        LocalDate endsOn = built.draft().endsOn().isAfter(plan.getEndsOn()) ? built.draft().endsOn() : plan.getEndsOn();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int revision = plan.getRevision() + 1;
        String reason = "Reassessment " + identified.assessmentId() + ": kept " + keep.size() + " step(s) ("
                + completed.size() + " completed), dropped " + removed.size() + " for closed gaps, added "
                + added.size() + " for open gaps.";
        Set<String> mentorsBefore = Set.copyOf(plan.mentorIds());
        List<OutboxEvent> queued = new ArrayList<>();
        queued.add(events.revised(plan, identified.assessmentId(), revision, now, reason, added,
                removed.stream().map(PlanStep::stepId).toList(), all, plan.getStatus()));
        for (MentorMatch match : built.draft().mentors()) {
            if (!mentorsBefore.contains(match.mentorId())) {
                queued.add(events.mentorAssigned(plan, match, skillsIn(all, match.mentorId()), now));
            }
        }
        List<String> notes = new ArrayList<>(built.draft().notes());
        notes.add(0, reason);
        Update update = PlanEvents.queue(new Update().set("steps", all).set("gaps", identified.skillGaps())
                .set("endsOn", endsOn).set("mix", built.draft().mix()).set("notes", notes).set("revision", revision)
                .push("revisedFor", identified.assessmentId()), queued);
        Query asRead = new Query(Criteria.where("_id").is(plan.getId()).and("version").is(plan.getVersion())
                .and("status").is(PlanStatus.ACTIVE).and("revisedFor").ne(identified.assessmentId()));
        if (mongo.updateFirst(asRead, update, Plan.class).getModifiedCount() == 1) {
            Set<String> seatsNow = all.stream().map(PlanStep::sessionId).filter(java.util.Objects::nonNull)
                    .collect(Collectors.toSet());
            removed.stream().filter(s -> s.sessionId() != null && !seatsNow.contains(s.sessionId()))
                    .forEach(s -> sessions.release(s.sessionId(), Sessions.key(plan.getId(), s.activityId())));
            Set<String> mentorsNow = all.stream().map(PlanStep::mentorId).filter(java.util.Objects::nonNull)
                    .collect(Collectors.toSet());
            mentorsBefore.stream().filter(m -> !mentorsNow.contains(m)).forEach(m -> mentors.release(m, plan.getId()));
            log.info("plan {} revised for reassessment {}: +{} -{}", plan.getId(), identified.assessmentId(),
                    added.size(), removed.size());
            return;
        }
        Plan now2 = mongo.findById(plan.getId(), Plan.class);
        if (now2 != null && now2.getRevisedFor().contains(identified.assessmentId())) {
            return;
        }
        builder.release(plan.getId(), built, mentorsBefore);
        throw new OptimisticLockingFailureException("plan " + plan.getId() + " changed while being revised; retried");
    }

    static List<PlanStep> steps(String planId, List<PlannedStep> planned) {
        return planned.stream().map(s -> new PlanStep(DeterministicIds.of(planId, s.activityId()), s.activityId(),
                s.title(), s.format(), s.bucket(), s.skillId(), s.effortHours(), s.startsOn(), s.dueOn(), s.reason(),
                s.xapiActivityId(), s.sessionId(), s.mentorId())).toList();
    }

    private static List<String> skillsMentored(Plan plan, String mentorId) {
        return skillsIn(plan.getSteps(), mentorId);
    }

    private static List<String> skillsIn(List<PlanStep> steps, String mentorId) {
        return steps.stream().filter(s -> mentorId.equals(s.mentorId())).map(PlanStep::skillId).distinct().toList();
    }

    /** Plans run in whole weeks from a Monday (UTC). */
    static LocalDate firstMondayOnOrAfter(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
    }
}
