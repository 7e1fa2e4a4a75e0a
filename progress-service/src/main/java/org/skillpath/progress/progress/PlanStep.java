package org.skillpath.progress.progress;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One step of a plan as progress sees it: what the plan said (format and bucket kept as text, since the
 * contract's enums may grow) and how far the person got.
 */
public record PlanStep(String stepId, String activityId, String title, String format, String bucket, String skillId,
                       double effortHours, LocalDate dueOn, String xapiActivityId, StepStatus status,
                       Instant completedAt) {

    static PlanStep notStarted(PlanCreated.Step step) {
        return new PlanStep(step.stepId(), step.activityId(), step.title(), step.format(), step.bucket(),
                step.skillId(), step.effortHours(), step.dueOn(), step.xapiActivityId(), StepStatus.NOT_STARTED, null);
    }
}
