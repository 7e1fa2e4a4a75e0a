package org.skillpath.progress.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProgressTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    @Test
    void percentCompleteWeighsStepsByEffortNotByCount() {
        List<PlanStep> steps = List.of(
                step("a", 6, TODAY.plusDays(5), StepStatus.COMPLETED),
                step("b", 1, TODAY.plusDays(5), StepStatus.NOT_STARTED),
                step("c", 1, TODAY.plusDays(5), StepStatus.NOT_STARTED));

        Progress progress = Progress.of(steps, TODAY);

        assertThat(progress.percentComplete()).isEqualTo(75);
        assertThat(progress.completedEffortHours()).isEqualByComparingTo("6");
        assertThat(progress.totalEffortHours()).isEqualByComparingTo("8");
    }

    @Test
    void percentRoundsDownSoOnlyAFinishedPlanShows100() {
        List<PlanStep> steps = List.of(
                step("a", 199, TODAY, StepStatus.COMPLETED),
                step("b", 1, TODAY, StepStatus.NOT_STARTED));

        assertThat(Progress.of(steps, TODAY).percentComplete()).isEqualTo(99);
        assertThat(Progress.of(List.of(step("a", 199, TODAY, StepStatus.COMPLETED),
                step("b", 1, TODAY, StepStatus.COMPLETED)), TODAY).percentComplete()).isEqualTo(100);
    }

    @Test
    void decimalEffortsAddUpExactly() {
        // 0.29 * 100 is 28.999999999999996 in binary floating point; the record must still say 29 %.
        List<PlanStep> steps = List.of(
                step("a", 0.1, TODAY, StepStatus.COMPLETED),
                step("b", 0.19, TODAY, StepStatus.COMPLETED),
                step("c", 0.71, TODAY, StepStatus.NOT_STARTED));

        Progress progress = Progress.of(steps, TODAY);

        assertThat(progress.percentComplete()).isEqualTo(29);
        assertThat(progress.completedEffortHours()).isEqualTo(new BigDecimal("0.29"));
        assertThat(progress.totalEffortHours()).isEqualByComparingTo("1.00");
    }

    @Test
    void countsEveryStatusIncludingZeros() {
        Progress none = Progress.of(List.of(step("a", 2, TODAY, StepStatus.NOT_STARTED)), TODAY);
        assertThat(none.stepsByStatus()).containsExactly(
                entry(StepStatus.NOT_STARTED, 1),
                entry(StepStatus.IN_PROGRESS, 0),
                entry(StepStatus.COMPLETED, 0),
                entry(StepStatus.SKIPPED, 0));

        Progress mixed = Progress.of(List.of(
                step("a", 2, TODAY, StepStatus.COMPLETED),
                step("b", 2, TODAY, StepStatus.NOT_STARTED),
                step("c", 2, TODAY, StepStatus.COMPLETED)), TODAY);
        assertThat(mixed.stepsByStatus()).containsEntry(StepStatus.COMPLETED, 2).containsEntry(StepStatus.NOT_STARTED, 1);
    }

    @Test
    void aStepIsOverdueFromTheDayAfterItsDueDateUntilItIsCompleted() {
        List<PlanStep> steps = List.of(
                step("due-yesterday", 1, TODAY.minusDays(1), StepStatus.NOT_STARTED),
                step("due-today", 1, TODAY, StepStatus.NOT_STARTED),
                step("done-late", 1, TODAY.minusDays(3), StepStatus.COMPLETED),
                step("due-long-ago", 1, TODAY.minusDays(30), StepStatus.NOT_STARTED),
                step("due-tomorrow", 1, TODAY.plusDays(1), StepStatus.NOT_STARTED));

        assertThat(Progress.of(steps, TODAY).overdueStepIds()).containsExactly("due-yesterday", "due-long-ago");
        assertThat(Progress.of(steps, TODAY.plusDays(2)).overdueStepIds())
                .as("the clock moves on: more steps fall due")
                .containsExactly("due-yesterday", "due-today", "due-long-ago", "due-tomorrow");
    }

    @Test
    void noStepsMeansNothingDone() {
        Progress progress = Progress.of(List.of(), TODAY);

        assertThat(progress.percentComplete()).isZero();
        assertThat(progress.overdueStepIds()).isEmpty();
        assertThat(progress.stepsByStatus().values()).containsOnly(0);
    }

    static PlanStep step(String id, double effort, LocalDate dueOn, StepStatus status) {
        return step(id, "skill-1", effort, dueOn, status);
    }

    static PlanStep step(String id, String skillId, double effort, LocalDate dueOn, StepStatus status) {
        PlanStep step = PlanStep.notStarted(id, "act-" + id, "Step " + id, "PRACTICE", "EXPERIENCE", skillId, effort,
                dueOn, null);
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        return switch (status) {
            case NOT_STARTED -> step;
            case IN_PROGRESS -> step.start(at);
            case COMPLETED -> step.complete(at, CompletionSource.PERSON);
            case SKIPPED -> step.skip("not relevant to my role", at);
        };
    }
}
