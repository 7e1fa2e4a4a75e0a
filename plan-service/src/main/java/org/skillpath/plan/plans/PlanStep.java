package org.skillpath.plan.plans;

import java.time.LocalDate;

import org.skillpath.plan.catalog.Bucket;
import org.skillpath.plan.catalog.Format;

/**
 * One dated step of a stored plan; {@code stepId} derives from the plan and the activity.
 *
 * @param sessionId the reserved workshop session, for workshops
 * @param mentorId  the matched mentor, for mentoring
 */
public record PlanStep(String stepId, String activityId, String title, Format format, Bucket bucket, String skillId,
                       double effortHours, LocalDate startsOn, LocalDate dueOn, String reason, String xapiActivityId,
                       String sessionId, String mentorId) {
}
