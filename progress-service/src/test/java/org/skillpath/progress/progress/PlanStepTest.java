package org.skillpath.progress.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** The step state machine: not started → in progress → completed, or skipped with a reason. */
class PlanStepTest {

    private static final Instant T1 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-05T09:00:00Z");
    private static final LocalDate DUE = LocalDate.of(2026, 3, 10);

    private final PlanStep fresh = PlanStep.notStarted("s1", "a1", "Lead a project", "PRACTICE", "EXPERIENCE",
            "leadership", 4, DUE, null);

    @Test
    void startingMovesToInProgressOnceAndKeepsTheFirstStart() {
        PlanStep started = fresh.start(T1);
        assertThat(started.status()).isEqualTo(StepStatus.IN_PROGRESS);
        assertThat(started.startedAt()).isEqualTo(T1);
        assertThat(started.start(T2)).as("starting again changes nothing").isSameAs(started);
    }

    @Test
    void completingRecordsWhenAndByWhomAndTheFirstCompletionStands() {
        PlanStep done = fresh.start(T1).complete(T2, CompletionSource.MANAGER);
        assertThat(done.status()).isEqualTo(StepStatus.COMPLETED);
        assertThat(done.completedAt()).isEqualTo(T2);
        assertThat(done.completedBy()).isEqualTo(CompletionSource.MANAGER);
        assertThat(done.startedAt()).isEqualTo(T1);
        assertThat(done.progressPercent()).isEqualTo(100);
        assertThat(done.complete(T2.plusSeconds(60), CompletionSource.XAPI)).isSameAs(done);
    }

    @Test
    void aStepCompletedWithoutAStartCountsAsStartedThen() {
        PlanStep done = fresh.complete(T1, CompletionSource.XAPI);
        assertThat(done.startedAt()).isEqualTo(T1);
    }

    @Test
    void skippingNeedsAReasonAndIsRefusedOnACompletedStep() {
        PlanStep skipped = fresh.skip("role changed", T1);
        assertThat(skipped.status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(skipped.skipReason()).isEqualTo("role changed");
        assertThat(skipped.skip("another reason", T2)).as("the first reason stands").isSameAs(skipped);
        assertThatThrownBy(() -> fresh.skip(" ", T1)).isInstanceOf(StepTransitionException.class);
        PlanStep done = fresh.complete(T1, CompletionSource.PERSON);
        assertThatThrownBy(() -> done.skip("too late", T2)).isInstanceOf(StepTransitionException.class)
                .hasMessageContaining("completed");
    }

    @Test
    void aSkippedStepCanBeResumedOrStillCompleted() {
        PlanStep skipped = fresh.skip("no budget this quarter", T1);
        PlanStep resumed = skipped.start(T2);
        assertThat(resumed.status()).isEqualTo(StepStatus.IN_PROGRESS);
        assertThat(resumed.skipReason()).isNull();
        assertThat(skipped.complete(T2, CompletionSource.XAPI).status()).isEqualTo(StepStatus.COMPLETED);
    }

    @Test
    void aCompletedStepCannotBeRestarted() {
        PlanStep done = fresh.complete(T1, CompletionSource.PERSON);
        assertThatThrownBy(() -> done.start(T2)).isInstanceOf(StepTransitionException.class);
    }

    @Test
    void reportedProgressOnlyGrowsAndNeverReopensAStep() {
        PlanStep half = fresh.progress(50, T1);
        assertThat(half.status()).isEqualTo(StepStatus.IN_PROGRESS);
        assertThat(half.progressPercent()).isEqualTo(50);
        assertThat(half.progress(30, T2).progressPercent()).as("a late, lower report does not go back").isEqualTo(50);
        assertThat(half.progress(80, T2).progressPercent()).isEqualTo(80);
        PlanStep done = half.complete(T2, CompletionSource.XAPI);
        assertThat(done.progress(10, T2)).isSameAs(done);
        PlanStep skipped = fresh.skip("not now", T1);
        assertThat(skipped.progress(10, T2)).isSameAs(skipped);
        assertThatThrownBy(() -> fresh.progress(101, T1)).isInstanceOf(StepTransitionException.class);
    }

    @Test
    void awaitingConfirmationKeepsThePracticeStepOpen() {
        PlanStep waiting = fresh.awaitConfirmation(T1);
        assertThat(waiting.status()).isEqualTo(StepStatus.IN_PROGRESS);
        assertThat(waiting.awaitingConfirmation()).isTrue();
        PlanStep confirmed = waiting.complete(T2, CompletionSource.MANAGER);
        assertThat(confirmed.awaitingConfirmation()).isFalse();
    }

    @Test
    void overdueIsDerivedFromTheDueDateAndOnlyForOpenSteps() {
        assertThat(fresh.overdueOn(DUE)).as("due today is not overdue yet").isFalse();
        assertThat(fresh.overdueOn(DUE.plusDays(1))).isTrue();
        assertThat(fresh.start(T1).overdueOn(DUE.plusDays(1))).isTrue();
        assertThat(fresh.complete(T1, CompletionSource.PERSON).overdueOn(DUE.plusDays(1))).isFalse();
        assertThat(fresh.skip("n/a", T1).overdueOn(DUE.plusDays(1))).isFalse();
    }

    @Test
    void aRedefinitionKeepsTheProgress() {
        PlanStep done = fresh.complete(T1, CompletionSource.PERSON);
        PlanStep redefined = done.redefinedAs(PlanStep.notStarted("s1", "a2", "Lead two projects", "PRACTICE",
                "EXPERIENCE", "leadership", 6, DUE.plusWeeks(2), null));
        assertThat(redefined.title()).isEqualTo("Lead two projects");
        assertThat(redefined.dueOn()).isEqualTo(DUE.plusWeeks(2));
        assertThat(redefined.status()).isEqualTo(StepStatus.COMPLETED);
        assertThat(redefined.completedAt()).isEqualTo(T1);
    }
}
