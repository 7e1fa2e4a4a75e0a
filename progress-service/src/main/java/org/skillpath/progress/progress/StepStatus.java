package org.skillpath.progress.progress;

/** Where a person stands on one step of their plan. */
public enum StepStatus {
    NOT_STARTED,
    COMPLETED
}
