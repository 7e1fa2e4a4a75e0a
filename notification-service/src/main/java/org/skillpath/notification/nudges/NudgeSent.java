package org.skillpath.notification.nudges;

/** {@code org.skillpath.nudge.sent} (contracts/schemas/nudge.sent.json): the mail was accepted by the SMTP server. */
public record NudgeSent(String nudgeId, String personId, String orgId, String kind, String causeEventId,
                        String sentAt, String channel) {

    public static final String TYPE = "org.skillpath.nudge.sent";
    public static final String EMAIL = "EMAIL";
}
