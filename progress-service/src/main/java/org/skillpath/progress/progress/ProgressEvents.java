package org.skillpath.progress.progress;

import org.skillpath.kit.asyncapi.ProducesEvents;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.kit.outbox.OutboxEvent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Builds the events progress emits on {@code skillpath.progress.v1}, shaped exactly as their contracts. Every
 * id derives from its cause (the step, the plan, the due date), so however often a scan, a redelivery or a
 * retried request reaches the same fact, consumers see one event.
 */
@ProducesEvents(topic = "skillpath.progress.v1", types = {"org.skillpath.step.completed", "org.skillpath.step.overdue", "org.skillpath.step.due-soon", "org.skillpath.plan.completed", "org.skillpath.reassessment.due"})
@Component("progressEventFactory")
public class ProgressEvents {

    public static final String STEP_COMPLETED = "org.skillpath.step.completed";
    public static final String STEP_OVERDUE = "org.skillpath.step.overdue";
    public static final String STEP_DUE_SOON = "org.skillpath.step.due-soon";
    public static final String PLAN_COMPLETED = "org.skillpath.plan.completed";
    public static final String REASSESSMENT_DUE = "org.skillpath.reassessment.due";

    record StepCompleted(String planId, String stepId, String personId, String orgId, String activityId,
                         String skillId, String title, Instant completedAt, CompletionSource source,
                         String reflection, int planProgressPercent, int completedSteps, int totalSteps) {
    }

    record StepOverdue(String planId, String stepId, String personId, String orgId, String title, LocalDate dueOn,
                       Instant detectedAt, long daysOverdue, String managerId) {
    }

    record StepDueSoon(String planId, String stepId, String personId, String orgId, String title, LocalDate dueOn,
                       Instant detectedAt) {
    }

    record PlanCompleted(String planId, String personId, String orgId, String assessmentId, Instant completedAt,
                         LocalDate reassessmentDueOn) {
    }

    record ReassessmentDue(String planId, String personId, String orgId, String previousAssessmentId,
                           String roleProfileId, LocalDate dueOn) {
    }

    private final String topic;
    private final String source;
    private final ObjectMapper json;

    public ProgressEvents(@Value("${skillpath.topics.progress}") String topic,
                         @Value("${skillpath.event-source}") String source, ObjectMapper json) {
        this.topic = topic;
        this.source = source;
        this.json = json;
    }

    OutboxEvent stepCompleted(PlanProgress plan, PlanStep step, String reflection, Progress progress, Instant now) {
        // The step counts of the contract: totalSteps >= 1, so an all-skipped plan still reports its steps.
        int total = Math.max(1, progress.requiredSteps());
        return event(DeterministicIds.of("step.completed", plan.getPlanId(), step.stepId()), STEP_COMPLETED,
                plan, step, now, new StepCompleted(plan.getPlanId(), step.stepId(), plan.getPersonId(),
                        plan.getOrgId(), step.activityId(), step.skillId(), step.title(), step.completedAt(),
                        step.completedBy(), reflection, progress.percentComplete(), progress.completedSteps(), total));
    }

    OutboxEvent stepOverdue(PlanProgress plan, PlanStep step, LocalDate today, Instant now, String managerId) {
        return event(DeterministicIds.of("step.overdue", plan.getPlanId(), step.stepId(), step.dueOn().toString()),
                STEP_OVERDUE, plan, step, now, new StepOverdue(plan.getPlanId(), step.stepId(), plan.getPersonId(),
                        plan.getOrgId(), step.title(), step.dueOn(), now,
                        Math.max(1, ChronoUnit.DAYS.between(step.dueOn(), today)), managerId));
    }

    OutboxEvent stepDueSoon(PlanProgress plan, PlanStep step, Instant now) {
        return event(DeterministicIds.of("step.due-soon", plan.getPlanId(), step.stepId(), step.dueOn().toString()),
                STEP_DUE_SOON, plan, step, now, new StepDueSoon(plan.getPlanId(), step.stepId(), plan.getPersonId(),
                        plan.getOrgId(), step.title(), step.dueOn(), now));
    }

    OutboxEvent planCompleted(PlanProgress plan, Instant now) {
        return event(DeterministicIds.of("plan.completed", plan.getPlanId()), PLAN_COMPLETED, plan, null, now,
                new PlanCompleted(plan.getPlanId(), plan.getPersonId(), plan.getOrgId(), plan.getAssessmentId(),
                        plan.getCompletedAt(), plan.getReassessmentDueOn()));
    }

    OutboxEvent reassessmentDue(PlanProgress plan, String roleProfileId, Instant now) {
        return event(DeterministicIds.of("reassessment.due", plan.getPlanId()), REASSESSMENT_DUE, plan, null, now,
                new ReassessmentDue(plan.getPlanId(), plan.getPersonId(), plan.getOrgId(), plan.getAssessmentId(),
                        roleProfileId, plan.getReassessmentDueOn()));
    }

    private OutboxEvent event(String id, String type, PlanProgress plan, PlanStep step, Instant now, Object payload) {
        String subject = "plans/" + plan.getPlanId() + (step == null ? "" : "/steps/" + step.stepId());
        return new OutboxEvent(id, topic, type, source, subject, plan.getPersonId(), plan.getOrgId(), now,
                json.writeValueAsString(payload));
    }
}
