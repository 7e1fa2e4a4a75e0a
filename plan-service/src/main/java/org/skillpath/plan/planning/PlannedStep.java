package org.skillpath.plan.planning;

import java.time.LocalDate;

import org.skillpath.plan.catalog.Bucket;
import org.skillpath.plan.catalog.Format;

/**
 * One dated step of a plan draft: an activity, the skill it is planned for, and why.
 *
 * @param sessionId the workshop session it uses, for workshops
 * @param mentorId  the matched mentor, for mentoring
 */
public record PlannedStep(String activityId, String title, Format format, Bucket bucket, String skillId,
                          double effortHours, LocalDate startsOn, LocalDate dueOn, String reason, String xapiActivityId,
                          String sessionId, String mentorId) {
}
