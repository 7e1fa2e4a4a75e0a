package org.skillpath.notification.nudges;

import java.time.LocalDate;
import java.util.Map;

/** The plan is done; the reassessment that measures the growth is on {@code reassessmentDueOn}. */
public record PlanCompletedModel(String planId, LocalDate reassessmentDueOn) implements NudgeModel {

    @Override
    public Map<String, Object> templateVariables(People people) {
        return Map.of("completed", this);
    }
}
