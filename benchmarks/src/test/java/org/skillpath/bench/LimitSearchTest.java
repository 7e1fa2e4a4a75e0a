package org.skillpath.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.Test;

class LimitSearchTest {

    @Test
    void halvesTheBracketOnMultiplesOfFive() {
        assertThat(LimitSearch.next(40, 80)).hasValue(60);
        assertThat(LimitSearch.next(60, 80)).hasValue(70);
        assertThat(LimitSearch.next(60, 70)).hasValue(65);
        assertThat(LimitSearch.next(80, 160)).hasValue(120);
    }

    @Test
    void stopsOnceTheBracketIsATenthOfTheHeldRateOrFivePerSecond() {
        assertThat(LimitSearch.next(65, 70)).isEmpty();
        assertThat(LimitSearch.next(110, 120)).isEmpty();
        assertThat(LimitSearch.next(100, 120)).hasValue(110);
        assertThat(LimitSearch.next(5, 10)).isEmpty();
    }

    @Test
    void hasNothingToProbeWithoutABracket() {
        assertThat(LimitSearch.next(null, 80)).isEmpty();
        assertThat(LimitSearch.next(40, null)).isEmpty();
        assertThat(LimitSearch.next(80, 40)).isEmpty();
    }

    @Test
    void threeProbesNarrowALimitBetweenTheDoublingStepsToAboutATenth() {
        // an arm that holds up to 93/s, stepped 5, 10, ..., 80 held and 160 failed
        assertThat(probe(80, 160, rate -> rate <= 93, 3)).containsExactly(120, 100, 90);
        // one that holds up to 72/s, after 40 held and 80 failed
        assertThat(probe(40, 80, rate -> rate <= 72, 3)).containsExactly(60, 70, 75);
    }

    private static List<Integer> probe(int held, int failed, IntPredicate holds, int steps) {
        List<Integer> probed = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            OptionalInt next = LimitSearch.next(held, failed);
            if (next.isEmpty()) {
                break;
            }
            probed.add(next.getAsInt());
            if (holds.test(next.getAsInt())) {
                held = next.getAsInt();
            } else {
                failed = next.getAsInt();
            }
        }
        return probed;
    }
}
