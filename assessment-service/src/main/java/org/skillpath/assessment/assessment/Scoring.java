package org.skillpath.assessment.assessment;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns ratings into a score per skill per rater group. Pure and order-independent: permuting the raters
 * changes nothing.
 */
public final class Scoring {

    /** Weights of the groups that make up "others"; renormalised over the groups that actually answered. */
    static final Map<RaterGroup, Double> OTHERS_WEIGHTS = Map.of(
            RaterGroup.MANAGER, 0.5, RaterGroup.PEER, 0.3, RaterGroup.REPORT, 0.2);

    private Scoring() {
    }

    public static List<SkillScore> score(List<Rating> ratings) {
        Map<String, Map<RaterGroup, List<Integer>>> bySkill = new TreeMap<>();
        for (Rating r : ratings) {
            r.scores().forEach((skill, level) -> bySkill
                    .computeIfAbsent(skill, k -> new EnumMap<>(RaterGroup.class))
                    .computeIfAbsent(r.group(), g -> new ArrayList<>()).add(level));
        }
        List<SkillScore> result = new ArrayList<>();
        bySkill.forEach((skill, groups) -> result.add(scoreSkill(skill, groups)));
        return result;
    }

    private static SkillScore scoreSkill(String skill, Map<RaterGroup, List<Integer>> groups) {
        Map<RaterGroup, Double> means = new EnumMap<>(RaterGroup.class);
        groups.forEach((g, levels) -> means.put(g, mean(levels)));
        double weighted = 0;
        double weights = 0;
        List<Integer> otherLevels = new ArrayList<>();
        for (Map.Entry<RaterGroup, Double> w : OTHERS_WEIGHTS.entrySet()) {
            Double m = means.get(w.getKey());
            if (m != null) {
                weighted += m * w.getValue();
                weights += w.getValue();
                otherLevels.addAll(groups.get(w.getKey()));
            }
        }
        Double others = weights == 0 ? null : round(weighted / weights);
        int n = otherLevels.size();
        // Agreement 1 when all others agree, 0 at the widest possible spread (std dev 2 on a 1-5 scale).
        double agreement = n <= 1 ? 1.0 : Math.max(0, 1 - stdDev(otherLevels) / 2.0);
        // More raters, more confidence: 1 rater 0.5, 3 raters 0.75, approaching 1.
        double confidence = n == 0 ? 0 : round((double) n / (n + 1) * agreement);
        return new SkillScore(skill, means.containsKey(RaterGroup.SELF) ? round(means.get(RaterGroup.SELF)) : null,
                others, Map.copyOf(means), n, round(agreement), confidence);
    }

    static double mean(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).average().orElseThrow();
    }

    static double stdDev(List<Integer> values) {
        double m = mean(values);
        return Math.sqrt(values.stream().mapToDouble(v -> (v - m) * (v - m)).sum() / values.size());
    }

    static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
