package org.skillpath.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OptionsTest {

    private static final List<String> SET = List.of("bench.mode", "bench.minMeasured", "bench.duration", "bench.refineSteps");

    @AfterEach
    void clear() {
        SET.forEach(System::clearProperty);
    }

    @Test
    void fullModeMeasuresLowRatesLongEnoughForAThousandAssessments() {
        System.setProperty("bench.mode", "full");
        Options o = Options.fromSystemProperties();

        assertThat(o.minMeasured()).isEqualTo(1000);
        assertThat(List.of(5, 10, 20, 30, 40, 160).stream().map(o::durationAt).toList())
                .containsExactly(200, 100, 50, 34, 30, 30);
    }

    @Test
    void quickModeKeepsItsFixedWindowUnlessAMinimumIsAskedFor() {
        System.setProperty("bench.mode", "quick");
        assertThat(Options.fromSystemProperties().durationAt(5)).isEqualTo(20);

        System.setProperty("bench.minMeasured", "300");
        assertThat(Options.fromSystemProperties().durationAt(5)).isEqualTo(60);
        assertThat(Options.fromSystemProperties().durationAt(40)).isEqualTo(20);
    }

    @Test
    void fullModeNarrowsEachLimitInUpToThreeStepsQuickModeNotAtAll() {
        System.setProperty("bench.mode", "full");
        assertThat(Options.fromSystemProperties().refineSteps()).isEqualTo(3);
        System.setProperty("bench.refineSteps", "");
        assertThat(Options.fromSystemProperties().refineSteps()).as("empty, as the pom passes an unset option").isEqualTo(3);
        System.setProperty("bench.refineSteps", "5");
        assertThat(Options.fromSystemProperties().refineSteps()).isEqualTo(5);

        System.setProperty("bench.mode", "quick");
        System.clearProperty("bench.refineSteps");
        assertThat(Options.fromSystemProperties().refineSteps()).isZero();
    }
}
