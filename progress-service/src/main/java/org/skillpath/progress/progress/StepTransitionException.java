package org.skillpath.progress.progress;

/** A change the step's state machine does not allow (e.g. skipping a completed step). */
public class StepTransitionException extends RuntimeException {

    public StepTransitionException(String message) {
        super(message);
    }
}
