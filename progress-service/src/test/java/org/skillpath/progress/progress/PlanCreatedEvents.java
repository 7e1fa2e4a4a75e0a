package org.skillpath.progress.progress;

import java.time.LocalDate;

import org.skillpath.kit.events.DeterministicIds;

/** plan.created payloads shaped as plan-service publishes them (contracts/schemas/plan.created.json). */
final class PlanCreatedEvents {

    static final String TYPE = "org.skillpath.plan.created";
    static final String TOPIC = "skillpath.plan.v1";
    static final String DLT = "skillpath.plan.v1.progress-service.dlt";

    private PlanCreatedEvents() {
    }

    /** plan-service derives the plan id from the assessment: one assessment, one plan. */
    static String planIdFor(String assessmentId) {
        return DeterministicIds.of("plan", assessmentId);
    }

    /**
     * A 12-week plan starting two weeks before {@code today} (the application's clock), with three steps: s1 (6 h, due yesterday, so overdue), s2 (2 h, due
     * in two weeks) and s3 (4 h, due in a month). Carries fields progress does not read, one of them unknown to
     * the contract today, as a newer producer would send.
     */
    static String json(String planId, String personId, String orgId, String assessmentId, LocalDate today) {
        LocalDate start = today.minusWeeks(2);
        return """
                {"planId":"%s","personId":"%s","orgId":"%s","assessmentId":"%s","roleName":"Team lead",
                 "createdAt":"%s","startsOn":"%s","endsOn":"%s","weeklyBudgetHours":3,"status":"ACTIVE",
                 "mix":{"experience":0.7,"social":0.2,"formal":0.1},"mentorId":null,"notes":["70-20-10"],
                 "steps":[
                  {"stepId":"s1","activityId":"workshop-conflict","title":"Conflict resolution workshop",
                   "format":"WORKSHOP","bucket":"FORMAL","skillId":"conflict-resolution","effortHours":6,
                   "startsOn":"%s","dueOn":"%s","reason":"far below the team-lead profile",
                   "xapiActivityId":"https://lms.example.com/activities/conflict-101"},
                  {"stepId":"s2","activityId":"feedback-three","title":"Ask three colleagues for feedback",
                   "format":"FEEDBACK","bucket":"SOCIAL","skillId":"active-listening","effortHours":2,
                   "startsOn":"%s","dueOn":"%s","reason":"blind spot: self-rating above raters"},
                  {"stepId":"s3","activityId":"own-budget-line","title":"Own a budget line for a quarter",
                   "format":"PRACTICE","bucket":"EXPERIENCE","skillId":"budgeting","effortHours":4,
                   "startsOn":"%s","dueOn":"%s","reason":"far below the team-lead profile","sessionSeatsLeft":4}
                 ]}""".formatted(planId, personId, orgId, assessmentId,
                today.atTime(9, 0).toInstant(java.time.ZoneOffset.UTC).toString(), start, start.plusWeeks(12),
                start, today.minusDays(1),
                start, today.plusWeeks(2),
                start, today.plusMonths(1));
    }
}
