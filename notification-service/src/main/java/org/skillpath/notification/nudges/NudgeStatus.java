package org.skillpath.notification.nudges;

/** A nudge is INTENDED until the SMTP server accepted its mail; a failed attempt keeps it INTENDED. */
public enum NudgeStatus {
    INTENDED,
    SENT
}
