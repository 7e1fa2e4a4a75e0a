package org.skillpath.plan.planning;

import java.time.LocalDate;

/** A dated workshop session with seats left, as the planner may use it. */
public record SessionSlot(String sessionId, String activityId, LocalDate startsOn, int seatsLeft) {
}
