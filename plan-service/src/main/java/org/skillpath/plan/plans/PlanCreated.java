package org.skillpath.plan.plans;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The data of {@code org.skillpath.plan.created} (contracts/schemas/plan.created.json). */
record PlanCreated(String planId, String personId, String orgId, String assessmentId, String roleName,
                   Instant createdAt, LocalDate startsOn, LocalDate endsOn, double weeklyBudgetHours, String status,
                   Mix mix, List<String> notes, List<Step> steps) {

    record Mix(double experience, double social, double formal) {
    }

    record Step(String stepId, String activityId, String title, String format, String bucket, String skillId,
                double effortHours, LocalDate startsOn, LocalDate dueOn, String reason, String xapiActivityId) {
    }

    static PlanCreated of(Plan plan) {
        return new PlanCreated(plan.getId(), plan.getPersonId(), plan.getOrgId(), plan.getAssessmentId(),
                plan.getRoleName(), plan.getCreatedAt(), plan.getStartsOn(), plan.getEndsOn(),
                plan.getWeeklyBudgetHours(), plan.getStatus().name(),
                new Mix(plan.getMix().experience(), plan.getMix().social(), plan.getMix().formal()), plan.getNotes(),
                plan.getSteps().stream().map(s -> new Step(s.stepId(), s.activityId(), s.title(), s.format().name(),
                        s.bucket().name(), s.skillId(), s.effortHours(), s.startsOn(), s.dueOn(), s.reason(),
                        s.xapiActivityId())).toList());
    }
}
