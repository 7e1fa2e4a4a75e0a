package org.skillpath.plan.plans;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

import org.skillpath.kit.consumer.Idempotency;
import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.kit.outbox.OutboxEvent;
import org.skillpath.plan.catalog.Catalog;
import org.skillpath.plan.planning.PlanDraft;
import org.skillpath.plan.planning.Planner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

/** Builds the plan for an assessment's gaps and stores it together with its {@code plan.created} event. */
@Service
class PlanProposals {

    static final String PLAN_CREATED = "org.skillpath.plan.created";
    private static final Logger log = LoggerFactory.getLogger(PlanProposals.class);

    private final MongoTemplate mongo;
    private final Catalog catalog;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final String topic;
    private final String source;
    private final double weeklyBudgetHours;
    private final int horizonWeeks;

    PlanProposals(MongoTemplate mongo, Catalog catalog, ObjectMapper mapper, Clock clock,
                  @Value("${skillpath.topics.plan}") String topic,
                  @Value("${skillpath.event-source}") String source,
                  @Value("${skillpath.planning.weekly-budget-hours:" + Planner.DEFAULT_WEEKLY_BUDGET_HOURS + "}")
                  double weeklyBudgetHours,
                  @Value("${skillpath.planning.horizon-weeks:" + Planner.DEFAULT_HORIZON_WEEKS + "}") int horizonWeeks) {
        this.mongo = mongo;
        this.catalog = catalog;
        this.mapper = mapper;
        this.clock = clock;
        this.topic = topic;
        this.source = source;
        this.weeklyBudgetHours = weeklyBudgetHours;
        this.horizonWeeks = horizonWeeks;
    }

    /**
     * One atomic insert with a deterministic id: a redelivered or replayed event finds the plan there and changes
     * nothing, so exactly one {@code plan.created} is ever queued per assessment.
     *
     * @return the plan stored now; empty when there is nothing to plan or the plan exists already
     */
    Optional<Plan> propose(SkillGapsIdentified identified) {
        String planId = DeterministicIds.of("plan", identified.assessmentId());
        if (identified.gaps().isEmpty()) {
            log.info("assessment {}: no gaps, no plan", identified.assessmentId());
            return Optional.empty();
        }
        PlanDraft draft = Planner.plan(identified.skillGaps(), catalog.visibleTo(identified.orgId()),
                weeklyBudgetHours, horizonWeeks, firstMondayOnOrAfter(identified.identifiedAt()));
        if (draft.steps().isEmpty()) {
            log.warn("assessment {}: no activity could be planned, no plan: {}", identified.assessmentId(),
                    draft.notes());
            return Optional.empty();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Plan plan = new Plan(planId, identified.personId(), identified.orgId(), identified.assessmentId(),
                identified.roleName(), draft.startsOn(), draft.endsOn(), weeklyBudgetHours, draft.mix(),
                draft.steps().stream().map(s -> new PlanStep(DeterministicIds.of(planId, s.activityId()),
                        s.activityId(), s.title(), s.format(), s.bucket(), s.skillId(), s.effortHours(),
                        s.startsOn(), s.dueOn(), s.reason(), s.xapiActivityId())).toList(),
                draft.notes(), now);
        plan.announce(new OutboxEvent(DeterministicIds.of("plan.created", planId), topic, PLAN_CREATED, source,
                "plans/" + planId, plan.getPersonId(), plan.getOrgId(), now,
                mapper.writeValueAsString(PlanCreated.of(plan))));
        if (!Idempotency.insertOnce(mongo, plan)) {
            log.info("plan {} for assessment {} exists already", planId, identified.assessmentId());
            return Optional.empty();
        }
        return Optional.of(plan);
    }

    /** Plans run in whole weeks from a Monday (UTC). */
    static LocalDate firstMondayOnOrAfter(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
    }
}
