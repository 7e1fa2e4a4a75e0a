package org.skillpath.notification.nudges;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The part of {@code org.skillpath.plan.created} (contracts/schemas/plan.created.json) the plan-ready mail needs. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlanCreated(String planId, String personId, String orgId, String roleName, Instant createdAt, LocalDate startsOn,
                          LocalDate endsOn, double weeklyBudgetHours, List<Step> steps) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Step(String stepId, String title, String format, LocalDate dueOn, String reason) {
    }
}
