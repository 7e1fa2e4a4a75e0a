package org.skillpath.plan.planning;

/** The mentor chosen for one gap, and why. */
public record MentorMatch(String skillId, String mentorId, String displayName, double level, int spareCapacity) {
}
