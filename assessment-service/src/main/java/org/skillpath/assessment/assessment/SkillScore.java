package org.skillpath.assessment.assessment;

import java.util.List;
import java.util.Map;

/**
 * The result for one skill. {@code others} combines manager, peers and reports by weight; {@code self} stands
 * beside it and is never averaged in. {@code byGroup} shows only groups that may be shown on their own (the
 * manager, and peers or reports with at least three answers); {@code folded} groups count in {@code others}
 * without being shown; {@code withheld} groups answered too few to be used at all.
 */
public record SkillScore(String skillId, Double self, Double others, Map<RaterGroup, Double> byGroup, int otherRaters,
                         double agreement, double confidence, List<RaterGroup> groups, List<RaterGroup> folded,
                         List<RaterGroup> withheld, boolean blindSpot, boolean hiddenStrength) {
}
