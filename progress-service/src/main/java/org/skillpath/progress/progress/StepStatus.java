package org.skillpath.progress.progress;

/**
 * Where a person stands on one step of their plan. Overdue is not a status: it is derived from the due date
 * and today, so it can never go stale.
 */
public enum StepStatus {
    NOT_STARTED,
    IN_PROGRESS,
    COMPLETED,
    /** Deliberately left out, with a reason; no longer required for the plan to complete. */
    SKIPPED;

    /** Still expected to be done: counts toward overdue and keeps the plan open. */
    public boolean open() {
        return this == NOT_STARTED || this == IN_PROGRESS;
    }
}
