package org.skillpath.plan.plans;

import org.skillpath.kit.asyncapi.ProducesEvents;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.kit.outbox.OutboxDocument;
import org.skillpath.kit.outbox.OutboxEvent;
import org.skillpath.plan.planning.MentorMatch;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * The events plan-service emits on {@code skillpath.plan.v1} (key = the plan owner), shaped exactly as
 * contracts/schemas, with ids derived from their cause so a replay queues the same event again, never a new one.
 */
@ProducesEvents(topic = "skillpath.plan.v1", types = {"org.skillpath.plan.created", "org.skillpath.plan.activated", "org.skillpath.plan.revised", "org.skillpath.mentor.assigned"})
@Component
class PlanEvents {

    static final String CREATED = "org.skillpath.plan.created";
    static final String ACTIVATED = "org.skillpath.plan.activated";
    static final String REVISED = "org.skillpath.plan.revised";
    static final String MENTOR_ASSIGNED = "org.skillpath.mentor.assigned";

    record Step(String stepId, String activityId, String title, String format, String bucket, String skillId,
                double effortHours, LocalDate startsOn, LocalDate dueOn, String reason, String xapiActivityId,
                String sessionId, String mentorId) {

        static Step of(PlanStep s) {
            return new Step(s.stepId(), s.activityId(), s.title(), s.format().name(), s.bucket().name(), s.skillId(),
                    s.effortHours(), s.startsOn(), s.dueOn(), s.reason(), s.xapiActivityId(), s.sessionId(),
                    s.mentorId());
        }

        static List<Step> of(List<PlanStep> steps) {
            return steps.stream().map(Step::of).toList();
        }
    }

    record Mix(double experience, double social, double formal) {
    }

    record PlanCreated(String planId, String personId, String orgId, String assessmentId, String roleName,
                       Instant createdAt, LocalDate startsOn, LocalDate endsOn, double weeklyBudgetHours, String status,
                       Mix mix, String mentorId, List<String> notes, List<Step> steps) {
    }

    record PlanActivated(String planId, String personId, String orgId, Instant activatedAt, String activatedBy) {
    }

    record PlanRevised(String planId, String personId, String orgId, String assessmentId, int revision,
                       Instant revisedAt, String reason, List<Step> added, List<String> removed, List<Step> steps,
                       String status) {
    }

    record MentorAssigned(String planId, String personId, String orgId, String mentorId, List<String> skillIds,
                          Instant assignedAt, String reason) {
    }

    private final ObjectMapper mapper;
    private final String topic;
    private final String source;

    PlanEvents(ObjectMapper mapper, @Value("${skillpath.topics.plan}") String topic,
               @Value("${skillpath.event-source}") String source) {
        this.mapper = mapper;
        this.topic = topic;
        this.source = source;
    }

    OutboxEvent created(Plan plan) {
        List<String> mentors = plan.mentorIds();
        PlanCreated data = new PlanCreated(plan.getId(), plan.getPersonId(), plan.getOrgId(), plan.getAssessmentId(),
                plan.getRoleName(), plan.getCreatedAt(), plan.getStartsOn(), plan.getEndsOn(),
                plan.getWeeklyBudgetHours(), plan.getStatus().name(), mix(plan.getMix()),
                mentors.isEmpty() ? null : mentors.get(0), plan.getNotes(), Step.of(plan.getSteps()));
        return event(DeterministicIds.of("plan.created", plan.getId()), CREATED, plan, plan.getCreatedAt(), data);
    }

    OutboxEvent activated(Plan plan, String by, Instant at) {
        return event(DeterministicIds.of("plan.activated", plan.getId()), ACTIVATED, plan, at,
                new PlanActivated(plan.getId(), plan.getPersonId(), plan.getOrgId(), at, by));
    }

    /** @param cause what makes this revision unique: the reassessment's id, or the revision number of a swap */
    OutboxEvent revised(Plan plan, String cause, int revision, Instant at, String reason, List<PlanStep> added,
                        List<String> removed, List<PlanStep> steps, PlanStatus status) {
        return event(DeterministicIds.of("plan.revised", plan.getId(), cause), REVISED, plan, at,
                new PlanRevised(plan.getId(), plan.getPersonId(), plan.getOrgId(), plan.getAssessmentId(), revision, at,
                        reason, Step.of(added), removed, Step.of(steps), status.name()));
    }

    /**
     * Archiving is told as a revision without a diff whose status is ARCHIVED (the contracts have no event of its
     * own); its id derives from the plan alone, as a plan is archived once.
     */
    OutboxEvent archived(Plan plan, int revision, Instant at, String reason) {
        return event(DeterministicIds.of("plan.archived", plan.getId()), REVISED, plan, at,
                new PlanRevised(plan.getId(), plan.getPersonId(), plan.getOrgId(), plan.getAssessmentId(), revision, at,
                        reason, List.of(), List.of(), Step.of(plan.getSteps()), PlanStatus.ARCHIVED.name()));
    }

    OutboxEvent mentorAssigned(Plan plan, MentorMatch match, List<String> skillIds, Instant at) {
        String reason = String.format(java.util.Locale.ROOT, "%s is at level %.1f in %s, has room for a mentee and "
                        + "stands outside the mentee's reporting line.",
                match.displayName() == null ? "The mentor" : match.displayName(), match.level(), String.join(", ", skillIds));
        return event(DeterministicIds.of("mentor.assigned", plan.getId(), match.mentorId()), MENTOR_ASSIGNED, plan, at,
                new MentorAssigned(plan.getId(), plan.getPersonId(), plan.getOrgId(), match.mentorId(), skillIds, at,
                        reason));
    }

    /** Adds the events to an update of the plan, which then also bumps its version like every change. */
    static Update queue(Update update, List<OutboxEvent> events) {
        if (!events.isEmpty()) {
            update.push(OutboxDocument.OUTBOX).each(events.toArray());
            update.set(OutboxDocument.PENDING, true);
        }
        return update.inc(OutboxDocument.VERSION, 1);
    }

    private OutboxEvent event(String id, String type, Plan plan, Instant time, Object data) {
        return new OutboxEvent(id, topic, type, source, "plans/" + plan.getId(), plan.getPersonId(), plan.getOrgId(),
                time, mapper.writeValueAsString(data));
    }

    private static Mix mix(org.skillpath.plan.planning.Mix m) {
        return m == null ? null : new Mix(m.experience(), m.social(), m.formal());
    }
}
