package org.skillpath.notification.policy;

import java.time.Instant;
import java.time.ZoneId;

/**
 * The delivery policy, as a pure function of the nudge's traits, the recipient and the moment. Checked in this
 * order: expiry, the recipient's state, their opt-outs, digest mode, quiet hours. First-contact mails (rater
 * invitations, plan ready, mentor introductions) do not respect quiet hours: they are sent at once, because a
 * person who just got a plan or an invitation expects the mail now; reminders and encouragement wait for
 * the morning.
 */
public final class NudgePolicy {

    private NudgePolicy() {
    }

    /**
     * @param category          the nudge's preference category
     * @param respectsQuietHours false for first-contact mails
     * @param digestible        whether a digest mode may gather it
     * @param expiresAt         after this it is pointless (a due-soon reminder after the due date); null: never
     * @param zone              the recipient's time zone
     */
    public static Decision decide(Category category, boolean respectsQuietHours, boolean digestible, Instant expiresAt,
                                  RecipientState state, ZoneId zone, PersonPreferences prefs, Instant now) {
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return new Decision.Suppress(SuppressionReason.EXPIRED);
        }
        switch (state) {
            case ERASED:
                return new Decision.Suppress(SuppressionReason.ERASED);
            case INACTIVE:
                return new Decision.Suppress(SuppressionReason.INACTIVE);
            case NO_ADDRESS:
                return new Decision.Suppress(SuppressionReason.NO_ADDRESS);
            default:
                break;
        }
        if (!prefs.subscribed(category)) {
            return new Decision.Suppress(SuppressionReason.UNSUBSCRIBED);
        }
        if (digestible && prefs.digest() != DigestMode.OFF) {
            return new Decision.Gather(prefs.digest().nextDigestAt(now, zone, prefs.quietHours().morning()));
        }
        if (respectsQuietHours) {
            Instant allowed = prefs.quietHours().nextAllowed(now, zone);
            if (allowed.isAfter(now)) {
                return new Decision.Defer(allowed);
            }
        }
        return new Decision.Send();
    }

    public enum RecipientState {
        ACTIVE,
        INACTIVE,
        ERASED,
        NO_ADDRESS
    }
}
