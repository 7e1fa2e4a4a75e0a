package org.skillpath.notification.nudges;

import java.util.Map;

/** A step was completed: well done, and how far along the plan is. */
public record EncouragementModel(String planId, String stepId, String title, int progressPercent,
                                 int completedSteps, int totalSteps) implements NudgeModel {

    @Override
    public Map<String, Object> templateVariables(People people) {
        return Map.of("progress", this);
    }
}
