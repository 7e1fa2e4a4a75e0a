package org.skillpath.notification.policy;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The organisation-wide defaults of the delivery policy ({@code skillpath.policy.*}); a person may choose their
 * own quiet hours.
 */
@Component
public class PolicySettings {

    private final QuietHours quietHours;
    private final int weeklyCap;
    private final int escalationAfterDays;

    public PolicySettings(@Value("${skillpath.policy.quiet-hours.start:20:00}") String quietStart,
                          @Value("${skillpath.policy.quiet-hours.end:08:00}") String quietEnd,
                          @Value("${skillpath.policy.weekly-cap:3}") int weeklyCap,
                          @Value("${skillpath.policy.escalation-after-days:7}") int escalationAfterDays) {
        this.quietHours = new QuietHours(time("skillpath.policy.quiet-hours.start", quietStart),
                time("skillpath.policy.quiet-hours.end", quietEnd));
        if (weeklyCap < 0) {
            throw new IllegalArgumentException("skillpath.policy.weekly-cap must be 0 or more: " + weeklyCap);
        }
        if (escalationAfterDays < 1) {
            throw new IllegalArgumentException("skillpath.policy.escalation-after-days must be 1 or more: "
                    + escalationAfterDays);
        }
        this.weeklyCap = weeklyCap;
        this.escalationAfterDays = escalationAfterDays;
    }

    private static LocalTime time(String property, String value) {
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(property + " must be a time of day like 20:00: " + value, e);
        }
    }

    public QuietHours quietHours() {
        return quietHours;
    }

    /** Reminders and encouragement per person and ISO week (in their time zone). */
    public int weeklyCap() {
        return weeklyCap;
    }

    /** Days overdue after which the person's manager is told. */
    public int escalationAfterDays() {
        return escalationAfterDays;
    }
}
