package org.skillpath.dashboard.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.skillpath.dashboard.api.Plans.Plan;
import org.skillpath.dashboard.api.Plans.PlanGap;
import org.skillpath.dashboard.api.Plans.PlanProgress;
import org.skillpath.dashboard.api.Plans.PlannedStep;
import org.skillpath.dashboard.api.Plans.Progress;
import org.skillpath.dashboard.api.Plans.StepProgress;

class PlanViewTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

    static StepProgress step(String id, String format, String status, boolean awaiting) {
        return new StepProgress(id, "Title " + id, format, "budgeting", 1.5, TODAY.minusDays(1), status, null,
                "SKIPPED".equals(status) ? "not relevant" : null, awaiting);
    }

    static PlanProgress progress(String status, StepProgress... steps) {
        return new PlanProgress("p1", "alice", status, TODAY.minusDays(30), TODAY.plusDays(60), Instant.EPOCH,
                List.of(steps), new Progress(33, 3, 1, List.of("b")), 0, Instant.parse("2026-06-15T08:00:00Z"), null);
    }

    static final Plan PLAN = new Plan("p1", "alice", "Team lead", "ACTIVE", TODAY, TODAY.plusDays(60),
            List.of(new PlannedStep("a", "Title a", "COURSE", "budgeting", 1.5, TODAY, TODAY, "Budgeting is your widest gap"),
                    new PlannedStep("b", "Title b", "PRACTICE", "budgeting", 1.5, TODAY, TODAY, "Practice on the job")),
            List.of(new PlanGap("budgeting", "Budgeting", 2, 4)));

    @Test
    void stepsCarryTheReasonFromPlanServiceAndTheirStatusInWords() {
        PlanView view = PlanView.of(progress("ACTIVE", step("a", "COURSE", "COMPLETED", false),
                        step("b", "PRACTICE", "IN_PROGRESS", false), step("c", "READING", "SKIPPED", false)),
                PLAN, Map.of(), ZoneOffset.UTC, TODAY);

        assertThat(view.roleName()).isEqualTo("Team lead");
        assertThat(view.status()).isEqualTo("Active");
        assertThat(view.stepsDone()).isEqualTo(1);
        assertThat(view.stepsRequired()).isEqualTo(3);
        assertThat(view.percent()).isEqualTo(33);
        assertThat(view.overdueSteps()).isEqualTo(1);
        assertThat(view.lastActivity()).isEqualTo("today");
        assertThat(view.steps()).extracting(PlanView.StepView::reason)
                .containsExactly("Budgeting is your widest gap", "Practice on the job", "");
        assertThat(view.steps()).extracting(PlanView.StepView::statusText)
                .containsExactly("Done", "In progress (overdue)", "Skipped: not relevant");
        assertThat(view.steps()).extracting(PlanView.StepView::format)
                .containsExactly("Course", "On-the-job practice", "Reading");
        assertThat(view.steps().get(0).skill()).isEqualTo("Budgeting");
        assertThat(view.steps().get(0).effort()).isEqualTo("1.5 h");
        assertThat(view.steps().get(0).due()).isEqualTo("14 Jun 2026");
        assertThat(view.steps().get(0).dueIso()).isEqualTo("2026-06-14");
    }

    @Test
    void openStepsOfAnOpenPlanTakeCheckInsButNotDoneOrWaitingOnes() {
        PlanView view = PlanView.of(progress("PROPOSED", step("a", "COURSE", "COMPLETED", false),
                        step("b", "PRACTICE", "IN_PROGRESS", true), step("c", "READING", "NOT_STARTED", false),
                        step("d", "READING", "SKIPPED", false)),
                PLAN, Map.of(), ZoneOffset.UTC, TODAY);

        assertThat(view.open()).isTrue();
        assertThat(view.steps()).extracting(PlanView.StepView::openForCheckIn).containsExactly(false, false, true, true);
        assertThat(view.steps().get(1).awaitingConfirmation()).isTrue();
        assertThat(view.steps().get(1).statusText()).isEqualTo("Done, waiting for the manager's confirmation (overdue)");
    }

    @Test
    void anArchivedPlanTakesNoCheckIns() {
        PlanView view = PlanView.of(progress("ARCHIVED", step("c", "READING", "NOT_STARTED", false)), PLAN, Map.of(),
                ZoneOffset.UTC, TODAY);

        assertThat(view.open()).isFalse();
        assertThat(view.steps().get(0).openForCheckIn()).isFalse();
    }

    @Test
    void withoutPlanServicesPlanTheStepsStillShowWithSkillNamesFromElsewhere() {
        PlanView view = PlanView.of(progress("ACTIVE", step("c", "READING", "NOT_STARTED", false)), null,
                Map.of(), ZoneOffset.UTC, TODAY);

        assertThat(view.roleName()).isNull();
        assertThat(view.steps().get(0).reason()).isEmpty();
        assertThat(view.steps().get(0).skill()).isEqualTo("Budgeting");
    }
}
