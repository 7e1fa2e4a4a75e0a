package org.skillpath.notification.nudges;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A manager's weekly view of their team: per report, what happened in the week and what is overdue. */
public record ManagerDigestModel(String week, LocalDate weekStart, LocalDate weekEnd, List<Report> reports)
        implements NudgeModel {

    /**
     * @param completed      titles of the steps completed in the week
     * @param overdue        steps overdue and still open
     * @param progressPercent the latest known plan progress, or null
     */
    public record Report(String personId, List<String> completed, List<Overdue> overdue, boolean planStarted,
                         boolean planCompleted, LocalDate reassessmentDueOn, Integer progressPercent) {
    }

    public record Overdue(String title, LocalDate dueOn) {
    }

    public List<String> personIds() {
        return reports.stream().map(Report::personId).toList();
    }

    @Override
    public Map<String, Object> templateVariables(People people) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Report r : reports) {
            String name = people.nameOf(r.personId());
            if (name != null) {
                rows.add(Map.of("name", name, "report", r));
            }
        }
        Map<String, Object> vars = new HashMap<>();
        vars.put("digest", this);
        vars.put("rows", rows);
        return vars;
    }
}
