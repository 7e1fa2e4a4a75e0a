package org.skillpath.plan.planning;

import java.time.LocalDate;

import org.skillpath.plan.catalog.Bucket;

/**
 * A step a revision keeps: completed steps always, open steps of gaps that are still open. It keeps its dates,
 * takes its share of the weekly budget and counts towards its gap's steps.
 */
public record KeptStep(String activityId, String skillId, Bucket bucket, double effortHours, LocalDate startsOn,
                       LocalDate dueOn, boolean completed) {
}
