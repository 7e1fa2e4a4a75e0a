package org.skillpath.progress.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class StreaksTest {

    /** A Wednesday. */
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 11);

    @Test
    void countsConsecutiveWeeksWithActivity() {
        List<LocalDate> days = List.of(TODAY, TODAY.minusWeeks(1), TODAY.minusWeeks(2).minusDays(2), TODAY.minusWeeks(4));
        assertThat(Streaks.weekly(days, TODAY)).isEqualTo(3);
    }

    @Test
    void theCurrentWeekDoesNotBreakTheStreakBeforeItIsOver() {
        List<LocalDate> days = List.of(TODAY.minusWeeks(1), TODAY.minusWeeks(2));
        assertThat(Streaks.weekly(days, TODAY)).isEqualTo(2);
        assertThat(Streaks.weekly(List.of(TODAY.minusWeeks(2)), TODAY)).as("a missed week breaks it").isZero();
    }

    @Test
    void weeksRunMondayToSunday() {
        LocalDate monday = LocalDate.of(2026, 3, 9);
        assertThat(Streaks.weekly(List.of(monday.minusDays(1), monday), monday)).isEqualTo(2);
        assertThat(Streaks.weekly(List.of(), TODAY)).isZero();
    }

    @Property
    void aStreakNeverExceedsTheWeeksWithActivity(@ForAll @Size(max = 30) Set<@IntRange(min = 0, max = 120) Integer> daysAgo) {
        List<LocalDate> days = daysAgo.stream().map(TODAY::minusDays).toList();
        long weeks = days.stream().map(Streaks::monday).distinct().count();
        int streak = Streaks.weekly(days, TODAY);
        assertThat(streak).isBetween(0, (int) weeks);
        if (!days.isEmpty() && days.stream().anyMatch(d -> Streaks.monday(d).equals(Streaks.monday(TODAY)))) {
            assertThat(streak).as("activity this week means a streak of at least one").isPositive();
        }
    }
}
