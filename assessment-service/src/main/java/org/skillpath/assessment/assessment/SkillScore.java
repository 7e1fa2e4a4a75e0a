package org.skillpath.assessment.assessment;

import java.util.Map;

/**
 * The result for one skill. {@code others} combines manager, peers and reports by weight; {@code self} stands
 * beside it and is never averaged in. {@code level} is what gaps are measured from: others where rated.
 */
public record SkillScore(String skillId, Double self, Double others, Map<RaterGroup, Double> byGroup, int otherRaters,
                         double agreement, double confidence) {

    /** Self rates higher than others by at least one level: a blind spot. */
    public boolean blindSpot() {
        return self != null && others != null && self - others >= 1.0;
    }

    /** Self rates lower than others by at least one level: a hidden strength. */
    public boolean hiddenStrength() {
        return self != null && others != null && others - self >= 1.0;
    }
}
