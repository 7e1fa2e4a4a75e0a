package org.skillpath.notification.nudges;

/**
 * {@code org.skillpath.nudge.suppressed} (contracts/schemas/nudge.suppressed.json): a nudge was decided against
 * and will not be sent.
 */
public record NudgeSuppressed(String nudgeId, String personId, String orgId, String kind, String causeEventId,
                              String reason, String decidedAt) {

    public static final String TYPE = "org.skillpath.nudge.suppressed";
}
