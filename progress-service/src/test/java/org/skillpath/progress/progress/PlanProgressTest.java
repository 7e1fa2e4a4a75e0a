package org.skillpath.progress.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.skillpath.kit.outbox.OutboxEvent;
import org.skillpath.kit.test.ContractSchemas;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The aggregate without Spring: completion, revisions, due-date signals and the reassessment, with their events. */
class PlanProgressTest {

    private static final LocalDate START = LocalDate.of(2026, 3, 2);
    private static final Instant NOW = Instant.parse("2026-03-04T10:00:00Z");
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final ProgressEvents events = new ProgressEvents("skillpath.progress.v1", "/skillpath/progress-service", JSON);
    private final ProgressPolicy policy = ProgressPolicy.defaults();

    @Test
    void completingEveryRequiredStepRaisesStepAndPlanCompletedOnceEach() {
        PlanProgress plan = plan("ACTIVE", step("s1", 2, START.plusDays(10)), step("s2", 6, START.plusDays(20)));
        LocalDate today = START.plusDays(2);

        plan.complete("s1", NOW, CompletionSource.XAPI, null, NOW, today, events);
        plan.settle(NOW, today, policy, events);
        plan.complete("s1", NOW.plusSeconds(5), CompletionSource.PERSON, null, NOW, today, events);
        assertThat(types(plan)).containsExactly(ProgressEvents.STEP_COMPLETED);
        assertThat(plan.getStatus()).isEqualTo(PlanProgress.ACTIVE);

        plan.skip("s2", "the budget line went to another team", NOW);
        plan.settle(NOW, today, policy, events);
        plan.settle(NOW, today, policy, events);

        assertThat(types(plan)).containsExactly(ProgressEvents.STEP_COMPLETED, ProgressEvents.PLAN_COMPLETED);
        assertThat(plan.getStatus()).isEqualTo(PlanProgress.COMPLETED);
        assertThat(plan.getReassessmentDueOn()).isEqualTo(today.plusDays(14));
        plan.pendingEvents().forEach(PlanProgressTest::assertContract);
        assertThat(plan.pendingEvents().get(0).payload()).as("the plan's progress when s1 was done")
                .contains("\"planProgressPercent\":25").contains("\"source\":\"XAPI\"")
                .contains("\"completedSteps\":1").contains("\"totalSteps\":2");
    }

    @Test
    void eventIdsDeriveFromTheirCause() {
        PlanProgress a = plan("ACTIVE", step("s1", 1, START.plusDays(1)));
        PlanProgress b = plan("ACTIVE", step("s1", 1, START.plusDays(1)));
        a.complete("s1", NOW, CompletionSource.PERSON, "it went well", NOW, START, events);
        b.complete("s1", NOW.plusSeconds(30), CompletionSource.PERSON, null, NOW, START, events);
        assertThat(a.pendingEvents().get(0).eventId()).isEqualTo(b.pendingEvents().get(0).eventId());
    }

    @Test
    void dueSoonThenOverdueOncePerStepAndDueDate() {
        PlanProgress plan = plan("ACTIVE", step("s1", 2, START.plusDays(10)));
        plan.settle(NOW, START, policy, events);
        assertThat(plan.getNextScanOn()).as("due-soon window opens 3 days before").isEqualTo(START.plusDays(7));

        assertThat(plan.signalDueDates(START.plusDays(6), NOW, policy, events, "bob")).isZero();
        assertThat(plan.signalDueDates(START.plusDays(7), NOW, policy, events, "bob")).isEqualTo(1);
        assertThat(plan.signalDueDates(START.plusDays(8), NOW, policy, events, "bob")).isZero();
        assertThat(plan.getNextScanOn()).isEqualTo(START.plusDays(11));
        assertThat(plan.signalDueDates(START.plusDays(10), NOW, policy, events, "bob")).as("due today: not overdue").isZero();
        assertThat(plan.signalDueDates(START.plusDays(13), NOW, policy, events, "bob")).isEqualTo(1);
        assertThat(plan.signalDueDates(START.plusDays(14), NOW, policy, events, "bob")).isZero();
        assertThat(plan.getNextScanOn()).as("nothing left to signal").isNull();

        assertThat(types(plan)).containsExactly(ProgressEvents.STEP_DUE_SOON, ProgressEvents.STEP_OVERDUE);
        OutboxEvent overdue = plan.pendingEvents().get(1);
        assertContract(overdue);
        assertThat(overdue.payload()).contains("\"daysOverdue\":3").contains("\"managerId\":\"bob\"");
    }

    @Test
    void aStepFirstSeenPastItsDueDateIsOnlyOverdueAndProposedPlansAreNotWatched() {
        PlanProgress proposed = plan("PROPOSED", step("s1", 2, START));
        assertThat(proposed.signalDueDates(START.plusDays(5), NOW, policy, events, null)).isZero();
        proposed.activate();
        assertThat(proposed.signalDueDates(START.plusDays(5), NOW, policy, events, null)).isEqualTo(1);
        assertThat(types(proposed)).containsExactly(ProgressEvents.STEP_OVERDUE);
    }

    @Test
    void aRevisedDueDateIsSignalledAgain() {
        PlanProgress plan = plan("ACTIVE", step("s1", 2, START));
        plan.signalDueDates(START.plusDays(1), NOW, policy, events, null);
        plan.revise(revision(1, step("s1", 2, START.plusDays(7))));
        plan.signalDueDates(START.plusDays(9), NOW, policy, events, null);
        assertThat(plan.pendingEvents()).extracting(OutboxEvent::eventId).doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void aRevisionAppliesItsDiffAndCompletedStepsStay() {
        PlanProgress plan = plan("ACTIVE", step("s1", 2, START.plusDays(5)), step("s2", 3, START.plusDays(9)),
                step("s3", 1, START.plusDays(9)));
        plan.complete("s1", NOW, CompletionSource.PERSON, null, NOW, START, events);
        plan.start("s2", NOW);

        // Revision 1 drops s1 (completed) and s3, keeps s2 with a new due date, adds s4.
        assertThat(plan.revise(revision(1, step("s2", 3, START.plusDays(20)), step("s4", 5, START.plusDays(30))))).isTrue();

        assertThat(plan.getSteps()).extracting(PlanStep::stepId).containsExactly("s2", "s4", "s1");
        assertThat(plan.step("s1").status()).isEqualTo(StepStatus.COMPLETED);
        assertThat(plan.step("s2").status()).isEqualTo(StepStatus.IN_PROGRESS);
        assertThat(plan.step("s2").dueOn()).isEqualTo(START.plusDays(20));
        assertThat(plan.step("s4").status()).isEqualTo(StepStatus.NOT_STARTED);
        assertThat(plan.revise(revision(1, step("s9", 1, START)))).as("the same revision again").isFalse();
        assertThat(plan.getRevision()).isEqualTo(1);
    }

    @Test
    void theReassessmentIsDueOnceAfterTheDelay() {
        PlanProgress plan = plan("ACTIVE", step("s1", 2, START.plusDays(5)));
        plan.complete("s1", NOW, CompletionSource.PERSON, null, NOW, START.plusDays(2), events);
        plan.settle(NOW, START.plusDays(2), policy, events);
        LocalDate due = START.plusDays(16);
        assertThat(plan.getReassessmentDueOn()).isEqualTo(due);

        assertThat(plan.raiseReassessmentDue(due.minusDays(1), NOW, "team-lead", events)).isFalse();
        assertThat(plan.raiseReassessmentDue(due, NOW, "team-lead", events)).isTrue();
        assertThat(plan.raiseReassessmentDue(due.plusDays(1), NOW, "team-lead", events)).isFalse();
        OutboxEvent event = plan.pendingEvents().get(plan.pendingEvents().size() - 1);
        assertThat(event.type()).isEqualTo(ProgressEvents.REASSESSMENT_DUE);
        assertContract(event);
        assertThat(event.payload()).contains("\"previousAssessmentId\":\"assessment-1\"")
                .contains("\"roleProfileId\":\"team-lead\"");
    }

    @Test
    void eventsAreRememberedSoNoneIsAppliedTwice() {
        PlanProgress plan = plan("PROPOSED", step("s1", 2, START.plusDays(5)));
        assertThat(plan.firstTime("src#1")).isTrue();
        assertThat(plan.firstTime("src#1")).isFalse();
        for (int i = 0; i < PlanProgress.REMEMBERED + 10; i++) {
            plan.firstTime("other#" + i);
        }
        assertThat(plan.firstTime("other#" + (PlanProgress.REMEMBERED + 9))).isFalse();
    }

    static void assertContract(OutboxEvent event) {
        assertThat(event.key()).isEqualTo("person-1");
        assertThat(event.orgId()).isEqualTo("org-1");
        ContractSchemas.assertValid(event.type(), event.payload());
    }

    private static List<String> types(PlanProgress plan) {
        return plan.pendingEvents().stream().map(OutboxEvent::type).toList();
    }

    static PlanProgress plan(String status, PlanCreated.Step... steps) {
        return PlanProgress.of(new PlanCreated("plan-1", "person-1", "org-1", "assessment-1",
                START.atStartOfDay().toInstant(java.time.ZoneOffset.UTC), START, START.plusWeeks(12), status, null,
                List.of(steps)).requireComplete());
    }

    static PlanCreated.Step step(String id, double effort, LocalDate due) {
        return new PlanCreated.Step(id, "act-" + id, "Title " + id, "COURSE", "FORMAL", "skill-" + id, effort, due, null);
    }

    private static PlanRevised revision(int revision, PlanCreated.Step... steps) {
        return new PlanRevised("plan-1", "person-1", "org-1", "assessment-1", revision, NOW, "reassessment",
                List.of(), List.of(steps), "ACTIVE").requireComplete();
    }
}
