package org.skillpath.notification.nudges;

import java.time.LocalDate;
import java.util.Map;

/** Time to measure growth: the reassessment of a completed plan starts; rater invitations follow. */
public record ReassessmentDueModel(String planId, String previousAssessmentId, LocalDate dueOn) implements NudgeModel {

    @Override
    public Map<String, Object> templateVariables(People people) {
        return Map.of("reassessment", this);
    }
}
