package org.skillpath.notification.nudges;

/**
 * INTENDED until a decision is taken; DEFERRED (quiet hours) comes back as due at its next attempt; DIGESTED
 * handed its content to a digest nudge; SENT and SUPPRESSED are final. A failed SMTP attempt keeps the status.
 */
public enum NudgeStatus {
    INTENDED,
    DEFERRED,
    DIGESTED,
    SENT,
    SUPPRESSED;

    public boolean pending() {
        return this == INTENDED || this == DEFERRED;
    }
}
