package org.skillpath.notification.nudges;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** Tells a manager that a report's step has been overdue for the escalation threshold. */
public record EscalationModel(String planId, String stepId, String title, LocalDate dueOn, String reportId,
                              int daysOverdue) implements NudgeModel {

    @Override
    public Map<String, Object> templateVariables(People people) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("step", this);
        vars.put("reportName", people.nameOf(reportId));
        return vars;
    }
}
