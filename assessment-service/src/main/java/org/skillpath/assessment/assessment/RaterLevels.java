package org.skillpath.assessment.assessment;

import java.util.Map;

/** One rater's level per skill (1-5, fractional when averaged over indicators), with the rater's identity removed. */
public record RaterLevels(RaterGroup group, Map<String, Double> levels) {
}
