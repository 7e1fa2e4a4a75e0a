package org.skillpath.progress.progress;

/** A completion or check-in named a step the plan does not have. */
public class UnknownStepException extends RuntimeException {

    public UnknownStepException(String planId, String stepId) {
        super("plan " + planId + " has no step " + stepId);
    }
}
