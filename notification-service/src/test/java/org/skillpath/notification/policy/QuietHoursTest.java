package org.skillpath.notification.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Quiet hours, digest moments and ISO weeks: the time arithmetic of the policy, across zones and DST. */
class QuietHoursTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Example
    void theDefaultWindowWrapsMidnightAndExcludesItsEnd() {
        QuietHours q = QuietHours.DEFAULT;
        assertThat(q.contains(LocalTime.of(19, 59))).isFalse();
        assertThat(q.contains(LocalTime.of(20, 0))).isTrue();
        assertThat(q.contains(LocalTime.MIDNIGHT)).isTrue();
        assertThat(q.contains(LocalTime.of(7, 59))).isTrue();
        assertThat(q.contains(LocalTime.of(8, 0))).isFalse();
    }

    @Example
    void aReminderAtNineInTheEveningWaitsUntilEightTheNextMorningLocalTime() {
        Instant evening = ZonedDateTime.of(LocalDate.of(2026, 11, 25), LocalTime.of(21, 0), BERLIN).toInstant();
        assertThat(QuietHours.DEFAULT.nextAllowed(evening, BERLIN))
                .isEqualTo(ZonedDateTime.of(LocalDate.of(2026, 11, 26), LocalTime.of(8, 0), BERLIN).toInstant());
        Instant night = ZonedDateTime.of(LocalDate.of(2026, 11, 26), LocalTime.of(3, 0), BERLIN).toInstant();
        assertThat(QuietHours.DEFAULT.nextAllowed(night, BERLIN))
                .isEqualTo(ZonedDateTime.of(LocalDate.of(2026, 11, 26), LocalTime.of(8, 0), BERLIN).toInstant());
    }

    @Example
    void equalBoundsMeanNoQuietHours() {
        QuietHours none = new QuietHours(LocalTime.NOON, LocalTime.NOON);
        assertThat(none.disabled()).isTrue();
        assertThat(none.contains(LocalTime.NOON)).isFalse();
        assertThat(none.morning()).isEqualTo(LocalTime.of(8, 0));
    }

    @Property(tries = 2000)
    void theNextAllowedMomentIsNeverEarlierNeverQuietAndWithinADay(@ForAll("instants") Instant now,
            @ForAll("zones") ZoneId zone, @ForAll("windows") QuietHours quiet) {
        Instant allowed = quiet.nextAllowed(now, zone);
        assertThat(allowed).isAfterOrEqualTo(now);
        assertThat(Duration.between(now, allowed)).isLessThanOrEqualTo(Duration.ofHours(25));
        assertThat(quiet.contains(allowed.atZone(zone).toLocalTime())).isFalse();
        if (!quiet.contains(now.atZone(zone).toLocalTime())) {
            assertThat(allowed).isEqualTo(now);
        }
    }

    @Property(tries = 1000)
    void aDailyDigestGoesOutWithinADayAtItsLocalTime(@ForAll("instants") Instant now, @ForAll("zones") ZoneId zone) {
        LocalTime at = LocalTime.of(8, 0);
        Instant next = DigestMode.DAILY.nextDigestAt(now, zone, at);
        assertThat(next).isAfter(now);
        assertThat(Duration.between(now, next)).isLessThanOrEqualTo(Duration.ofHours(25));
        assertThat(next.atZone(zone).toLocalTime()).isEqualTo(at);
    }

    @Property(tries = 1000)
    void aWeeklyDigestGoesOutOnTheNextMondayMorning(@ForAll("instants") Instant now, @ForAll("zones") ZoneId zone) {
        LocalTime at = LocalTime.of(8, 0);
        Instant next = DigestMode.WEEKLY.nextDigestAt(now, zone, at);
        assertThat(next).isAfter(now);
        assertThat(Duration.between(now, next)).isLessThanOrEqualTo(Duration.ofDays(7).plusHours(1));
        assertThat(next.atZone(zone).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(next.atZone(zone).toLocalTime()).isEqualTo(at);
    }

    @Property(tries = 1000)
    void anIsoWeekStartsOnTheMondayBeforeAndItsPredecessorSevenDaysEarlier(@ForAll("dates") LocalDate date) {
        IsoWeek week = IsoWeek.of(date);
        assertThat(week.monday()).isBeforeOrEqualTo(date).isAfter(date.minusDays(7));
        assertThat(week.monday().getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(week.previous().monday()).isEqualTo(week.monday().minusDays(7));
        assertThat(IsoWeek.of(week.startUtc(), java.time.ZoneOffset.UTC)).isEqualTo(week);
        assertThat(week.toString()).matches("\\d{4}-W\\d{2}");
    }

    @Provide
    Arbitrary<Instant> instants() {
        // 2024-2031: several DST transitions in every zone that has them.
        return Arbitraries.longs().between(1_704_067_200L, 1_956_528_000L).map(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<LocalDate> dates() {
        return Arbitraries.longs().between(LocalDate.of(2020, 1, 1).toEpochDay(), LocalDate.of(2035, 12, 31).toEpochDay())
                .map(LocalDate::ofEpochDay);
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe",
                "Pacific/Chatham", "America/St_Johns").map(ZoneId::of);
    }

    @Provide
    Arbitrary<QuietHours> windows() {
        Arbitrary<LocalTime> times = Arbitraries.integers().between(0, 24 * 4 - 1).map(q -> LocalTime.of(q / 4, q % 4 * 15));
        return Arbitraries.oneOf(Arbitraries.just(QuietHours.DEFAULT), times.flatMap(s -> times.map(e -> new QuietHours(s, e))));
    }
}
