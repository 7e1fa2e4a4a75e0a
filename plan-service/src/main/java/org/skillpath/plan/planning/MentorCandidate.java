package org.skillpath.plan.planning;

import java.util.Map;

/**
 * Someone who opted in as a mentor and may mentor this person (same organisation, outside their reporting line).
 *
 * @param strengths      skill id → level (from their own latest assessment)
 * @param spareCapacity  how many more mentees they can take
 */
public record MentorCandidate(String personId, String displayName, Map<String, Double> strengths, int spareCapacity) {

    public MentorCandidate {
        strengths = Map.copyOf(strengths);
    }

    public double level(String skillId) {
        return strengths.getOrDefault(skillId, 0.0);
    }
}
