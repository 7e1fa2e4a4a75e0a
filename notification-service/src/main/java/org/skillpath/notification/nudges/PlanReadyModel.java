package org.skillpath.notification.nudges;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The plan-ready mail's content: the plan's frame and each step with why it is there. */
public record PlanReadyModel(String planId, String roleName, LocalDate startsOn, LocalDate endsOn,
                             double weeklyBudgetHours, List<Step> steps) implements NudgeModel {

    public record Step(String title, String format, LocalDate dueOn, String reason) {
    }

    static PlanReadyModel of(PlanCreated plan) {
        return new PlanReadyModel(plan.planId(), plan.roleName(), plan.startsOn(), plan.endsOn(),
                plan.weeklyBudgetHours(), plan.steps().stream()
                .map(s -> new Step(s.title(), s.format(), s.dueOn(), s.reason())).toList());
    }

    @Override
    public Map<String, Object> templateVariables(People people) {
        return Map.of("plan", this);
    }
}
