package org.skillpath.progress.progress;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.skillpath.kit.events.PoisonEventException;

/** What this service reads of {@code org.skillpath.plan.created} (contracts/schemas/plan.created.json). */
@JsonIgnoreProperties(ignoreUnknown = true)
record PlanCreated(String planId, String personId, String orgId, String assessmentId, Instant createdAt,
                   LocalDate startsOn, LocalDate endsOn, String status, String mentorId, List<Step> steps) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Step(String stepId, String activityId, String title, String format, String bucket, String skillId,
                Double effortHours, LocalDate dueOn, String xapiActivityId) {

        PlanStep toStep() {
            return PlanStep.notStarted(stepId, activityId, title, format, bucket, skillId, effortHours, dueOn,
                    xapiActivityId);
        }
    }

    /**
     * The fields the contract requires and progress relies on; an event without them is poison. Step ids
     * must be unique: completions address steps by id.
     */
    PlanCreated requireComplete() {
        List<String> problems = new ArrayList<>();
        // The dashboard keys its plans by id inside a document, where '.' and a leading '$' mean something.
        if (planId != null && (planId.contains(".") || planId.startsWith("$"))) {
            problems.add("planId: must not contain '.' or start with '$'");
        }
        blank(planId, "planId", problems);
        blank(personId, "personId", problems);
        blank(orgId, "orgId", problems);
        blank(assessmentId, "assessmentId", problems);
        missing(createdAt, "createdAt", problems);
        missing(startsOn, "startsOn", problems);
        missing(endsOn, "endsOn", problems);
        checkSteps(steps, "steps", problems);
        if (!problems.isEmpty()) {
            throw new PoisonEventException("plan.created " + planId + " is incomplete: " + problems);
        }
        return this;
    }

    /** Shared with plan.revised, whose step list has the same shape. */
    static void checkSteps(List<Step> steps, String field, List<String> problems) {
        if (steps == null || steps.isEmpty()) {
            problems.add(field + ": at least one");
        } else {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                String at = field + "[" + i + "].";
                if (s == null) {
                    problems.add(at + ": null");
                    continue;
                }
                blank(s.stepId(), at + "stepId", problems);
                blank(s.activityId(), at + "activityId", problems);
                blank(s.title(), at + "title", problems);
                blank(s.format(), at + "format", problems);
                blank(s.bucket(), at + "bucket", problems);
                blank(s.skillId(), at + "skillId", problems);
                missing(s.dueOn(), at + "dueOn", problems);
                if (s.effortHours() == null || !(s.effortHours() > 0) || s.effortHours().isInfinite()) {
                    problems.add(at + "effortHours: a positive number");
                }
                if (s.stepId() != null && !ids.add(s.stepId())) {
                    problems.add(at + "stepId: duplicate " + s.stepId());
                }
            }
        }
    }

    static void blank(String value, String field, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(field);
        }
    }

    static void missing(Object value, String field, List<String> problems) {
        if (value == null) {
            problems.add(field);
        }
    }
}
