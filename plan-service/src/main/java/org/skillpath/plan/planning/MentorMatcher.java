package org.skillpath.plan.planning;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Mentor matching, pure. A mentor must be strong in the skill (level 4 or more in their own latest assessment),
 * have room for another mentee and stand outside the mentee's reporting line: neither a manager above them
 * (at any level) nor someone who reports to them (directly or not), since a mentor is someone to speak to
 * freely. The best match is the strongest, then the one with most spare capacity, then the smallest person id,
 * so the same pool always gives the same mentor.
 */
public final class MentorMatcher {

    public static final double MIN_LEVEL = 4.0;

    static Comparator<MentorCandidate> bestFirstFor(String skillId) {
        return Comparator.<MentorCandidate>comparingDouble(c -> c.level(skillId)).reversed()
                .thenComparing(Comparator.comparingInt(MentorCandidate::spareCapacity).reversed())
                .thenComparing(MentorCandidate::personId);
    }

    private MentorMatcher() {
    }

    /**
     * The opted-in people who may mentor {@code menteeId}: everyone but the mentee and their reporting line.
     *
     * @param managerOf person id → manager id, for the organisation (people without a manager may be absent)
     * @param optedIn   the organisation's active people who opted in as mentors
     */
    public static List<MentorCandidate> eligible(String menteeId, Map<String, String> managerOf,
                                                 List<MentorCandidate> optedIn) {
        Set<String> above = chainAbove(menteeId, managerOf);
        return optedIn.stream()
                .filter(c -> !c.personId().equals(menteeId))
                .filter(c -> !above.contains(c.personId()))
                .filter(c -> !chainAbove(c.personId(), managerOf).contains(menteeId))
                .sorted(Comparator.comparing(MentorCandidate::personId))
                .toList();
    }

    /** The best mentor for the skill among an eligible pool, if anyone is strong enough and has room. */
    public static Optional<MentorMatch> best(String skillId, List<MentorCandidate> pool) {
        return pool.stream()
                .filter(c -> c.level(skillId) >= MIN_LEVEL && c.spareCapacity() > 0)
                .min(bestFirstFor(skillId))
                .map(c -> new MentorMatch(skillId, c.personId(), c.displayName(), c.level(skillId), c.spareCapacity()));
    }

    /** The managers above a person, nearest first; stops at a cycle in bad directory data. */
    static Set<String> chainAbove(String personId, Map<String, String> managerOf) {
        Set<String> chain = new HashSet<>();
        String next = managerOf.get(personId);
        while (next != null && !next.equals(personId) && chain.add(next)) {
            next = managerOf.get(next);
        }
        return chain;
    }
}
