package org.skillpath.progress.progress;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One step of a plan as progress sees it: what the plan said (format and bucket kept as text, since the
 * contract's enums may grow) and how far the person got. Immutable: every transition returns a new step, or
 * this same step when the transition changes nothing (which is what makes redeliveries harmless).
 *
 * @param progressPercent      the L&D platform's last reported progress (cmi5 progress extension), 0-100
 * @param awaitingConfirmation a practice step the person reported done that still needs the manager (or evidence)
 * @param dueSoonSignalledFor  the due date a step.due-soon was raised for (once per step and due date)
 * @param overdueSignalledFor  the due date a step.overdue was raised for (once per step and due date)
 */
public record PlanStep(String stepId, String activityId, String title, String format, String bucket, String skillId,
                       double effortHours, LocalDate dueOn, String xapiActivityId, StepStatus status,
                       Instant startedAt, Instant completedAt, CompletionSource completedBy, String skipReason,
                       Integer progressPercent, boolean awaitingConfirmation, LocalDate dueSoonSignalledFor,
                       LocalDate overdueSignalledFor) {

    public static final String PRACTICE = "PRACTICE";
    public static final String MENTORING = "MENTORING";

    public static PlanStep notStarted(String stepId, String activityId, String title, String format, String bucket,
                                      String skillId, double effortHours, LocalDate dueOn, String xapiActivityId) {
        return new PlanStep(stepId, activityId, title, format, bucket, skillId, effortHours, dueOn, xapiActivityId,
                StepStatus.NOT_STARTED, null, null, null, null, null, false, null, null);
    }

    public boolean practice() {
        return PRACTICE.equals(format);
    }

    /** Overdue: still open and its due date has passed (due today is not overdue yet). */
    public boolean overdueOn(LocalDate today) {
        return status.open() && dueOn.isBefore(today);
    }

    /** Work began: from not started (or resumed after a skip). A completed step cannot be restarted. */
    public PlanStep start(Instant at) {
        return switch (status) {
            case IN_PROGRESS -> this;
            case NOT_STARTED, SKIPPED -> with(StepStatus.IN_PROGRESS, startedAt == null ? at : startedAt,
                    null, null, null, progressPercent, awaitingConfirmation);
            case COMPLETED -> throw new StepTransitionException("step " + stepId + " is completed already");
        };
    }

    /**
     * Done. Completing a completed step changes nothing (the first completion stands); a skipped step can still
     * be completed, because the work was done after all.
     */
    public PlanStep complete(Instant at, CompletionSource by) {
        if (status == StepStatus.COMPLETED) {
            return this;
        }
        return with(StepStatus.COMPLETED, startedAt == null ? at : startedAt, at, by, null, 100, false);
    }

    /** Left out with a reason; a completed step stays completed. Skipping twice keeps the first reason. */
    public PlanStep skip(String reason, Instant at) {
        if (reason == null || reason.isBlank()) {
            throw new StepTransitionException("a skip needs a reason");
        }
        return switch (status) {
            case SKIPPED -> this;
            case NOT_STARTED, IN_PROGRESS -> with(StepStatus.SKIPPED, startedAt, null, null, reason, progressPercent, false);
            case COMPLETED -> throw new StepTransitionException("step " + stepId + " is completed; it cannot be skipped");
        };
    }

    /**
     * Partial progress from an L&D platform. Kept monotonic (the highest reported value), so statements that
     * arrive late or twice never move it backwards; it does not reopen a skipped or completed step.
     */
    public PlanStep progress(int percent, Instant at) {
        if (percent < 0 || percent > 100) {
            throw new StepTransitionException("progress must be 0-100, was " + percent);
        }
        if (!status.open()) {
            return this;
        }
        int highest = progressPercent == null ? percent : Math.max(progressPercent, percent);
        return with(StepStatus.IN_PROGRESS, startedAt == null ? at : startedAt, null, null, null, highest,
                awaitingConfirmation);
    }

    /** A practice step the person reports done, which the policy wants confirmed before it counts. */
    public PlanStep awaitConfirmation(Instant at) {
        if (!status.open()) {
            return this;
        }
        return with(StepStatus.IN_PROGRESS, startedAt == null ? at : startedAt, null, null, null, progressPercent, true);
    }

    /** The plan's new definition of this step (a revision); the person's progress on it stays as it was. */
    public PlanStep redefinedAs(PlanStep definition) {
        return new PlanStep(stepId, definition.activityId, definition.title, definition.format, definition.bucket,
                definition.skillId, definition.effortHours, definition.dueOn, definition.xapiActivityId, status,
                startedAt, completedAt, completedBy, skipReason, progressPercent, awaitingConfirmation,
                dueSoonSignalledFor, overdueSignalledFor);
    }

    PlanStep signalledDueSoon() {
        return new PlanStep(stepId, activityId, title, format, bucket, skillId, effortHours, dueOn, xapiActivityId,
                status, startedAt, completedAt, completedBy, skipReason, progressPercent, awaitingConfirmation,
                dueOn, overdueSignalledFor);
    }

    PlanStep signalledOverdue() {
        return new PlanStep(stepId, activityId, title, format, bucket, skillId, effortHours, dueOn, xapiActivityId,
                status, startedAt, completedAt, completedBy, skipReason, progressPercent, awaitingConfirmation,
                dueOn, dueOn);
    }

    private PlanStep with(StepStatus newStatus, Instant started, Instant completed, CompletionSource by, String reason,
                          Integer percent, boolean awaiting) {
        return new PlanStep(stepId, activityId, title, format, bucket, skillId, effortHours, dueOn, xapiActivityId,
                newStatus, started, completed, by, reason, percent, awaiting, dueSoonSignalledFor, overdueSignalledFor);
    }
}
