package org.skillpath.notification.policy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * How a person wants their reminders: one mail each (OFF), or gathered into one digest a day or a week, sent
 * in their morning (Monday morning for the weekly one).
 */
public enum DigestMode {
    OFF,
    DAILY,
    WEEKLY;

    /** The next digest moment strictly after {@code now}, at {@code at} local time in {@code zone}. */
    public Instant nextDigestAt(Instant now, ZoneId zone, LocalTime at) {
        if (this == OFF) {
            throw new IllegalStateException("no digest in mode OFF");
        }
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime candidate = ZonedDateTime.of(local.toLocalDate(), at, zone);
        if (this == WEEKLY) {
            candidate = ZonedDateTime.of(local.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                    at, zone);
        }
        while (!candidate.toInstant().isAfter(now)) {
            candidate = ZonedDateTime.of(candidate.toLocalDate().plusDays(this == WEEKLY ? 7 : 1), at, zone);
        }
        return candidate.toInstant();
    }
}
