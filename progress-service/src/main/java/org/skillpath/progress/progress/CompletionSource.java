package org.skillpath.progress.progress;

/** Who completed a step; the values of step.completed's {@code source}. */
public enum CompletionSource {
    PERSON,
    MANAGER,
    MENTOR,
    XAPI
}
