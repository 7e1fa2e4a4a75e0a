package org.skillpath.notification.nudges;

import java.time.LocalDate;
import java.util.Map;

/** A reminder about one step: due soon, or overdue by {@code daysOverdue} days. */
public record StepModel(String planId, String stepId, String title, LocalDate dueOn, Integer daysOverdue)
        implements NudgeModel {

    @Override
    public Map<String, Object> templateVariables(People people) {
        return Map.of("step", this);
    }
}
