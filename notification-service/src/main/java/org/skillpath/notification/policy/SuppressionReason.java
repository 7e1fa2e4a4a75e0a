package org.skillpath.notification.policy;

/** Why a nudge is not sent: exactly the reasons of contracts/schemas/nudge.suppressed.json. */
public enum SuppressionReason {
    UNSUBSCRIBED,
    WEEKLY_CAP,
    ERASED,
    INACTIVE,
    NO_ADDRESS,
    EXPIRED
}
