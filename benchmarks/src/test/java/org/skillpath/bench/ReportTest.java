package org.skillpath.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReportTest {

    @AfterEach
    void clear() {
        System.clearProperty("bench.mode");
    }

    @Test
    void judgesTheLatencyGoalFromTheAcceptedAssessmentAndReportsTheStricterMeasureBeside() {
        List<RunResult> sweep = List.of(
                run("system", 10, true, 120, 60), run("baseline", 10, true, 50, 40),
                run("system", 20, false, 9000, 9000), run("baseline", 20, true, 50, 40));

        Report.Summary s = report(sweep).summary();

        assertThat(s.p99RatioMailFromAccepted()).containsExactly(Map.entry(10, 1.5));
        assertThat(s.latencyGoalMetFromAccepted()).isTrue();
        assertThat(s.p99RatioMail()).containsExactly(Map.entry(10, 2.4));
        assertThat(s.latencyGoalMet()).isFalse();
        assertThat(s.throughputRatio()).isEqualTo(0.5);
        assertThat(s.throughputGoalMet()).isFalse();
    }

    @Test
    void aRateWithoutFromAcceptedFiguresDoesNotCountAsMet() {
        RunResult old = run("baseline", 10, true, 50, 40);
        Map<String, Percentiles> onlyFromDueTime = Map.of(Report.MAIL, old.endToEnd().get(Report.MAIL));
        List<RunResult> sweep = List.of(run("system", 10, true, 60, 45), with(old, onlyFromDueTime));

        Report.Summary s = report(sweep).summary();

        assertThat(s.p99RatioMail()).containsExactly(Map.entry(10, 1.2));
        assertThat(s.latencyGoalMetFromAccepted()).isFalse();
    }

    @Test
    void theStoredPlanCountsTooNotOnlyTheMail() {
        RunResult system = run("system", 10, true, 60, 45);
        Map<String, Percentiles> slowPlan = new java.util.HashMap<>(system.endToEnd());
        slowPlan.put(Report.PLAN_FROM_ACCEPTED, p99(100));
        List<RunResult> sweep = List.of(with(system, slowPlan), run("baseline", 10, true, 50, 40));

        Report.Summary s = report(sweep).summary();

        assertThat(s.p99RatioMailFromAccepted()).containsExactly(Map.entry(10, 1.13));
        assertThat(s.p99RatioPlanFromAccepted()).containsExactly(Map.entry(10, 5.0));
        assertThat(s.latencyGoalMetFromAccepted()).isFalse();
    }

    @Test
    void theThroughputNoteBracketsTheRatioBetweenWhatEachArmHeldAndFailed() {
        List<RunResult> sweep = List.of(
                run("system", 60, true, 50, 40), run("baseline", 60, true, 50, 40),
                run("system", 80, false, 9000, 9000), run("baseline", 80, true, 50, 40),
                run("system", 70, true, 60, 45), run("baseline", 120, false, 9000, 9000),
                run("baseline", 100, true, 50, 40), run("system", 75, false, 9000, 9000));

        Report.Summary s = report(sweep).summary();

        assertThat(s.system().sustainedRate()).isEqualTo(70);
        assertThat(s.system().firstFailedRate()).isEqualTo(75);
        assertThat(s.throughputRatio()).isEqualTo(0.7);
        assertThat(s.throughputRatioNote()).contains("system 70-75/s, baseline 100-120/s")
                .contains("lies between 0.58 and 0.75");
    }

    private static Report report(List<RunResult> sweep) {
        System.setProperty("bench.mode", "quick");
        return new Report(Options.fromSystemProperties(), Map.of(), sweep, List.of(), Map.of());
    }

    private static RunResult run(String arm, int rate, boolean holds, double p99FromDue, double p99FromAccepted) {
        return new RunResult(arm, rate, "step", 0, 0, 20, 5, rate * 20, 0, null, 0, 0, holds ? rate : rate / 2.0, holds,
                List.of(), Map.of(Report.MAIL, p99(p99FromDue), Report.PLAN, p99(p99FromDue / 2),
                Report.MAIL_FROM_ACCEPTED, p99(p99FromAccepted), Report.PLAN_FROM_ACCEPTED, p99(p99FromAccepted / 2)),
                Map.of(), Map.of(), Map.of(), 10, Map.of(), Map.of(), 0, 0, 0, List.of(), List.of());
    }

    private static RunResult with(RunResult r, Map<String, Percentiles> endToEnd) {
        return new RunResult(r.arm(), r.rate(), r.label(), 0, 0, r.durationSec(), r.warmupSec(), r.measured(), 0, null, 0,
                0, r.achievedPerSec(), r.sustained(), r.verdict(), endToEnd, Map.of(), Map.of(), Map.of(), 10, Map.of(),
                Map.of(), 0, 0, 0, List.of(), List.of());
    }

    private static Percentiles p99(double ms) {
        return new Percentiles(100, ms / 3, ms / 2, ms, ms, ms, ms / 3);
    }
}
