package org.skillpath.progress.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skillpath.progress.progress.ProgressTest.step;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Progress maths with skipped steps, per skill, and its invariants over arbitrary plans. */
class ProgressPropertiesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    @Test
    void skippedStepsLeaveBothSidesOfTheFraction() {
        Progress progress = Progress.of(List.of(
                step("a", 2, TODAY, StepStatus.COMPLETED),
                step("b", 6, TODAY, StepStatus.SKIPPED),
                step("c", 2, TODAY, StepStatus.NOT_STARTED)), TODAY);

        assertThat(progress.percentComplete()).isEqualTo(50);
        assertThat(progress.totalEffortHours()).isEqualByComparingTo("4");
        assertThat(progress.skippedEffortHours()).isEqualByComparingTo("6");
        assertThat(progress.requiredSteps()).isEqualTo(2);
        assertThat(progress.completedSteps()).isEqualTo(1);
        assertThat(progress.allRequiredDone()).isFalse();
    }

    @Test
    void aPlanIsDoneWhenEveryRequiredStepIsButNotWhenAllWereSkipped() {
        assertThat(Progress.of(List.of(step("a", 2, TODAY, StepStatus.COMPLETED),
                step("b", 6, TODAY, StepStatus.SKIPPED)), TODAY).allRequiredDone()).isTrue();
        assertThat(Progress.of(List.of(step("a", 2, TODAY, StepStatus.SKIPPED)), TODAY).allRequiredDone()).isFalse();
        assertThat(Progress.of(List.of(step("a", 2, TODAY, StepStatus.IN_PROGRESS)), TODAY).allRequiredDone()).isFalse();
    }

    @Test
    void progressPerSkillInTheOrderOfTheSkillsFirstStep() {
        Progress progress = Progress.of(List.of(
                step("a", "budgeting", 3, TODAY.minusDays(2), StepStatus.NOT_STARTED),
                step("b", "conflict-resolution", 1, TODAY, StepStatus.COMPLETED),
                step("c", "budgeting", 1, TODAY, StepStatus.COMPLETED)), TODAY);

        assertThat(progress.bySkill()).extracting(Progress.SkillProgress::skillId)
                .containsExactly("budgeting", "conflict-resolution");
        Progress.SkillProgress budgeting = progress.bySkill().get(0);
        assertThat(budgeting.percentComplete()).isEqualTo(25);
        assertThat(budgeting.overdueSteps()).isEqualTo(1);
        assertThat(progress.bySkill().get(1).percentComplete()).isEqualTo(100);
    }

    @Property
    void percentStaysWithinBoundsAnd100OnlyWhenAllRequiredEffortIsDone(@ForAll("plans") List<PlanStep> steps) {
        Progress progress = Progress.of(steps, TODAY);
        assertThat(progress.percentComplete()).isBetween(0, 100);
        boolean allDone = steps.stream().allMatch(s -> s.status() == StepStatus.COMPLETED || s.status() == StepStatus.SKIPPED);
        if (progress.percentComplete() == 100) {
            assertThat(allDone).isTrue();
        }
        assertThat(progress.completedEffortHours()).isLessThanOrEqualTo(progress.totalEffortHours());
        assertThat(progress.stepsByStatus().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(steps.size());
    }

    @Property
    void completingAStepNeverLowersProgress(@ForAll("plans") List<PlanStep> steps, @ForAll int pick) {
        List<PlanStep> open = steps.stream().filter(s -> s.status().open()).toList();
        if (open.isEmpty()) {
            return;
        }
        PlanStep chosen = open.get(Math.floorMod(pick, open.size()));
        List<PlanStep> after = new ArrayList<>();
        for (PlanStep s : steps) {
            after.add(s == chosen ? s.complete(java.time.Instant.EPOCH, CompletionSource.PERSON) : s);
        }
        assertThat(Progress.of(after, TODAY).percentComplete()).isGreaterThanOrEqualTo(Progress.of(steps, TODAY).percentComplete());
        assertThat(Progress.of(after, TODAY).overdueStepIds()).doesNotContain(chosen.stepId());
    }

    @Provide
    Arbitrary<List<PlanStep>> plans() {
        Arbitrary<PlanStep> step = Combinators.combine(
                Arbitraries.integers().between(1, 200).map(i -> i / 10.0),
                Arbitraries.integers().between(-20, 20),
                Arbitraries.of(StepStatus.class),
                Arbitraries.of("budgeting", "networking", "conflict-resolution"),
                Arbitraries.strings().alpha().ofLength(8))
                .as((effort, due, status, skill, id) -> step(id, skill, effort, TODAY.plusDays(due), status));
        return step.list().ofMaxSize(15).uniqueElements(PlanStep::stepId);
    }
}
