package org.skillpath.dashboard.plan;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.skillpath.dashboard.api.Plans.Plan;
import org.skillpath.dashboard.api.Plans.PlanProgress;
import org.skillpath.dashboard.api.Plans.PlannedStep;
import org.skillpath.dashboard.api.Plans.StepProgress;
import org.skillpath.dashboard.web.Formats;

/**
 * One plan as the pages show it: progress-service's record of how far the person got, joined by step id with
 * plan-service's plan, which says why each step is there.
 *
 * @param open whether the person can still work on it (check in)
 */
public record PlanView(String planId, String status, String roleName, String period, int percent, int stepsDone,
                       int stepsRequired, int overdueSteps, String lastActivity, boolean open, List<StepView> steps) {

    /**
     * @param status           NOT_STARTED, IN_PROGRESS, COMPLETED, SKIPPED (for styling and tests)
     * @param statusText       the status in words; overdue and awaiting confirmation are said, not coloured
     * @param reason           why the plan holds this step (plan-service), or empty when unknown
     * @param openForCheckIn   the person may check in on it
     * @param awaitingConfirmation a practice step the person reported done, waiting for the manager
     */
    public record StepView(String stepId, String title, String format, String skill, String effort, String due,
                           String dueIso, String status, String statusText, boolean overdue, String reason,
                           boolean openForCheckIn, boolean awaitingConfirmation) {
    }

    public static PlanView of(PlanProgress progress, Plan plan, Map<String, String> skillNames, ZoneId zone,
                              LocalDate today) {
        Map<String, PlannedStep> planned = new HashMap<>();
        Map<String, String> names = new HashMap<>(skillNames);
        if (plan != null) {
            plan.steps().forEach(s -> planned.put(s.stepId(), s));
            plan.gaps().forEach(g -> names.putIfAbsent(g.skillId(), g.skillName()));
        }
        boolean open = !"ARCHIVED".equals(progress.status()) && !"COMPLETED".equals(progress.status());
        List<String> overdueIds = progress.progress() == null ? List.of() : progress.progress().overdueStepIds();
        List<StepView> steps = progress.steps().stream().map(s -> step(s, planned.get(s.stepId()), names,
                overdueIds.contains(s.stepId()), open)).toList();
        int done = progress.progress() == null ? 0 : progress.progress().completedSteps();
        int required = progress.progress() == null ? steps.size() : progress.progress().requiredSteps();
        int percent = progress.progress() == null ? 0 : progress.progress().percentComplete();
        String period = progress.startsOn() == null ? ""
                : Formats.date(progress.startsOn()) + " to " + Formats.date(progress.endsOn());
        return new PlanView(progress.planId(), Formats.words(progress.status()), plan == null ? null : plan.roleName(),
                period, percent, done, required, overdueIds.size(),
                Formats.ago(progress.lastActivityAt(), zone, today), open, steps);
    }

    private static StepView step(StepProgress s, PlannedStep planned, Map<String, String> names, boolean overdue,
                                 boolean planOpen) {
        boolean openStep = "NOT_STARTED".equals(s.status()) || "IN_PROGRESS".equals(s.status());
        String statusText = s.awaitingConfirmation() ? "Done, waiting for the manager's confirmation"
                : "COMPLETED".equals(s.status()) ? "Done"
                : "SKIPPED".equals(s.status()) ? "Skipped" + (s.skipReason() == null ? "" : ": " + s.skipReason())
                : Formats.words(s.status());
        if (overdue) {
            statusText += " (overdue)";
        }
        return new StepView(s.stepId(), s.title(), "PRACTICE".equals(s.format()) ? "On-the-job practice"
                : Formats.words(s.format()), Formats.skillName(s.skillId(), names.get(s.skillId())),
                Formats.level(s.effortHours()) + " h", Formats.date(s.dueOn()),
                s.dueOn() == null ? "" : s.dueOn().toString(), s.status(), statusText, overdue,
                planned == null || planned.reason() == null ? "" : planned.reason(),
                planOpen && (openStep || "SKIPPED".equals(s.status())) && !s.awaitingConfirmation(),
                s.awaitingConfirmation());
    }
}
