package org.skillpath.progress.progress;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Weekly streaks: how many consecutive calendar weeks (Monday to Sunday) had at least one activity. Weeks,
 * not days: a plan budgets a few hours a week, and nobody should lose a streak over a weekend. The current
 * week does not break a streak until it is over, so on a Monday last week's streak still shows.
 */
public final class Streaks {

    private Streaks() {
    }

    public static int weekly(Collection<LocalDate> activityDays, LocalDate today) {
        Set<LocalDate> weeks = activityDays.stream().filter(d -> !d.isAfter(today))
                .map(Streaks::monday).collect(Collectors.toSet());
        LocalDate week = monday(today);
        if (!weeks.contains(week)) {
            week = week.minusWeeks(1);
        }
        int streak = 0;
        while (weeks.contains(week)) {
            streak++;
            week = week.minusWeeks(1);
        }
        return streak;
    }

    static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
