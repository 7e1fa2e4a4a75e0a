package org.skillpath.progress;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.skillpath.kit.test.ContractSchemas;
import org.skillpath.kit.test.RawEvents;

/**
 * Input events shaped as their producers publish them, checked against their contracts before they go out on the
 * real broker.
 */
public final class Events {

    public static final String PEOPLE = "skillpath.people.v1";
    public static final String ASSESSMENT = "skillpath.assessment.v1";
    public static final String PLAN = "skillpath.plan.v1";
    public static final String PROGRESS = "skillpath.progress.v1";

    private Events() {
    }

    /** One step of a plan.created payload. */
    public record Step(String stepId, String format, String skillId, double effortHours, LocalDate dueOn,
                       String xapiActivityId) {

        String json(LocalDate startsOn) {
            return """
                    {"stepId":"%s","activityId":"act-%s","title":"Title of %s","format":"%s","bucket":"%s",
                     "skillId":"%s","effortHours":%s,"startsOn":"%s","dueOn":"%s","reason":"a gap to close",
                     "xapiActivityId":%s}""".formatted(stepId, stepId, stepId, format,
                    format.equals("PRACTICE") ? "EXPERIENCE" : format.equals("MENTORING") ? "SOCIAL" : "FORMAL",
                    skillId, effortHours, startsOn, dueOn, xapiActivityId == null ? "null" : "\"" + xapiActivityId + "\"");
        }
    }

    public static void person(String bootstrap, String orgId, String personId, String userName, String displayName,
                              String managerId) {
        String json = """
                {"personId":"%s","orgId":"%s","userName":"%s","displayName":"%s","email":"%s@example.com",
                 "managerId":%s,"department":"Delivery","employeeNumber":"E-%s","locale":"en","timeZone":"UTC",
                 "active":true,"mentorOptIn":false,"changedAt":"2026-01-05T09:00:00Z"}"""
                .formatted(personId, orgId, userName, displayName, userName,
                        managerId == null ? "null" : "\"" + managerId + "\"", userName);
        publish(bootstrap, PEOPLE, "org.skillpath.person.upserted", orgId, personId, "people/" + personId, json);
    }

    public static String planCreated(String bootstrap, String orgId, String personId, String planId, String status,
                                     String mentorId, Instant createdAt, LocalDate startsOn, List<Step> steps) {
        String json = """
                {"planId":"%s","personId":"%s","orgId":"%s","assessmentId":"assessment-%s","roleName":"Team lead",
                 "createdAt":"%s","startsOn":"%s","endsOn":"%s","weeklyBudgetHours":3,"status":"%s",
                 "mix":{"experience":0.7,"social":0.2,"formal":0.1},"mentorId":%s,"notes":[],
                 "steps":[%s]}""".formatted(planId, personId, orgId, planId, createdAt, startsOn, startsOn.plusWeeks(12),
                status, mentorId == null ? "null" : "\"" + mentorId + "\"",
                String.join(",", steps.stream().map(s -> s.json(startsOn)).toList()));
        return publish(bootstrap, PLAN, "org.skillpath.plan.created", orgId, personId, "plans/" + planId, json);
    }

    public static void gaps(String bootstrap, String orgId, String personId, String assessmentId, Instant identifiedAt,
                            String gapsJson, String growthJson) {
        String json = """
                {"assessmentId":"%s","personId":"%s","orgId":"%s","roleProfileId":"team-lead","roleName":"Team lead",
                 "identifiedAt":"%s","previousAssessmentId":null,"gaps":[%s],
                 "strengths":[{"skillId":"active-listening","skillName":"Active listening","level":4.5}],
                 "growth":[%s]}""".formatted(assessmentId, personId, orgId, identifiedAt, gapsJson, growthJson);
        publish(bootstrap, ASSESSMENT, "org.skillpath.skillgaps.identified", orgId, personId,
                "assessments/" + assessmentId, json);
    }

    public static String gap(String skillId, String name, double current, double target) {
        return """
                {"skillId":"%s","skillName":"%s","currentLevel":%s,"targetLevel":%s,"gap":%s,"weight":1,
                 "confidence":0.8,"priority":%s,"explanation":"below the profile"}"""
                .formatted(skillId, name, current, target, target - current, target - current);
    }

    /** Publishes after checking the payload against its contract; returns the event id. */
    public static String publish(String bootstrap, String topic, String type, String orgId, String key, String subject,
                                 String json) {
        ContractSchemas.assertValid(type, json);
        String id = UUID.randomUUID().toString();
        RawEvents.publish(bootstrap, topic, key, RawEvents.ceHeaders(id, type, orgId, subject), json);
        return id;
    }
}
