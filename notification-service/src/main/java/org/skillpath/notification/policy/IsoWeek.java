package org.skillpath.notification.policy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/** An ISO-8601 week, e.g. {@code 2026-W48}: the unit of the weekly cap and of the manager digest. */
public record IsoWeek(int year, int week) {

    public static IsoWeek of(LocalDate date) {
        return new IsoWeek(date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public static IsoWeek of(Instant instant, ZoneId zone) {
        return of(instant.atZone(zone).toLocalDate());
    }

    public LocalDate monday() {
        return LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    public IsoWeek previous() {
        return of(monday().minusDays(7));
    }

    /** The week's first instant in UTC (Monday 00:00Z); the next week's is the exclusive end. */
    public Instant startUtc() {
        return monday().atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public Instant endUtc() {
        return monday().plusDays(7).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @Override
    public String toString() {
        return "%d-W%02d".formatted(year, week);
    }
}
