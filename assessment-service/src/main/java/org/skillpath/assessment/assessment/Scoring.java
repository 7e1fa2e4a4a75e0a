package org.skillpath.assessment.assessment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns ratings into a score per skill per rater group. Pure and order-independent: permuting the raters
 * changes nothing (levels are sorted before any arithmetic).
 * <p>
 * Anonymity: a peer or report group with fewer than {@code threshold} answers on a skill is never shown on its
 * own. Its answers are folded into "others" when the raters not shown on their own number at least
 * {@code threshold} (if needed the manager is folded in too, so that no shown figure lets one subtract a small
 * group back out); otherwise they are withheld and influence nothing.
 */
public final class Scoring {

    public static final int ANONYMITY_THRESHOLD = 3;
    /** Default weights of the groups that make up "others"; renormalised over the groups that count. */
    public static final Map<RaterGroup, Double> DEFAULT_WEIGHTS = Map.of(
            RaterGroup.MANAGER, 0.5, RaterGroup.PEER, 0.3, RaterGroup.REPORT, 0.2);
    /** Self and others this far apart (in levels) make a blind spot or a hidden strength. */
    static final double PERCEPTION_GAP = 1.0;
    private static final Set<RaterGroup> ANONYMOUS = EnumSet.of(RaterGroup.PEER, RaterGroup.REPORT);

    private Scoring() {
    }

    public static List<SkillScore> score(List<RaterLevels> ratings) {
        return score(ratings, DEFAULT_WEIGHTS, ANONYMITY_THRESHOLD);
    }

    public static List<SkillScore> score(List<RaterLevels> ratings, Map<RaterGroup, Double> weights, int threshold) {
        Map<String, Map<RaterGroup, List<Double>>> bySkill = new TreeMap<>();
        for (RaterLevels r : ratings) {
            r.levels().forEach((skill, level) -> bySkill
                    .computeIfAbsent(skill, k -> new EnumMap<>(RaterGroup.class))
                    .computeIfAbsent(r.group(), g -> new ArrayList<>()).add(level));
        }
        List<SkillScore> result = new ArrayList<>();
        bySkill.forEach((skill, groups) -> {
            groups.values().forEach(levels -> levels.sort(Comparator.naturalOrder()));
            result.add(scoreSkill(skill, groups, weights, threshold));
        });
        return result;
    }

    private static SkillScore scoreSkill(String skill, Map<RaterGroup, List<Double>> groups, Map<RaterGroup, Double> weights,
                                         int threshold) {
        Set<RaterGroup> present = EnumSet.noneOf(RaterGroup.class);
        groups.keySet().stream().filter(g -> g != RaterGroup.SELF).forEach(present::add);
        Set<RaterGroup> small = EnumSet.noneOf(RaterGroup.class);
        present.stream().filter(g -> ANONYMOUS.contains(g) && groups.get(g).size() < threshold).forEach(small::add);

        Set<RaterGroup> counted = EnumSet.noneOf(RaterGroup.class);
        counted.addAll(present);
        Set<RaterGroup> folded = EnumSet.noneOf(RaterGroup.class);
        folded.addAll(small);
        Set<RaterGroup> withheld = EnumSet.noneOf(RaterGroup.class);
        int hidden = count(groups, folded);
        if (hidden > 0 && hidden < threshold) {
            // Too few to hide among: fold shown groups in too, smallest first, until the hidden crowd is large enough.
            List<RaterGroup> shown = new ArrayList<>(present);
            shown.removeAll(folded);
            shown.sort(Comparator.comparingInt((RaterGroup g) -> groups.get(g).size()).thenComparing(Enum::ordinal));
            for (RaterGroup g : shown) {
                if (hidden >= threshold) {
                    break;
                }
                folded.add(g);
                hidden += groups.get(g).size();
            }
            if (hidden < threshold) {
                withheld.addAll(small);
                counted.removeAll(small);
                folded.clear();
            }
        }

        Map<RaterGroup, Double> byGroup = new EnumMap<>(RaterGroup.class);
        Double self = groups.containsKey(RaterGroup.SELF) ? round(mean(groups.get(RaterGroup.SELF))) : null;
        if (self != null) {
            byGroup.put(RaterGroup.SELF, self);
        }
        double weighted = 0;
        double weightSum = 0;
        List<Double> otherLevels = new ArrayList<>();
        for (RaterGroup g : counted) {
            double m = mean(groups.get(g));
            double w = weights.getOrDefault(g, 0.0);
            weighted += m * w;
            weightSum += w;
            otherLevels.addAll(groups.get(g));
            if (!folded.contains(g)) {
                byGroup.put(g, round(m));
            }
        }
        otherLevels.sort(Comparator.naturalOrder());
        Double others = weightSum == 0 ? null : round(weighted / weightSum);
        int n = weightSum == 0 ? 0 : otherLevels.size();
        // Agreement 1 when all others agree, 0 at the widest possible spread (std dev 2 on a 1-5 scale).
        double agreement = n <= 1 ? 1.0 : Math.max(0, 1 - stdDev(otherLevels) / 2.0);
        // More raters, more confidence: 1 rater 0.5, 3 raters 0.75, approaching 1; disagreement lowers it.
        double confidence = n == 0 ? 0 : round((double) n / (n + 1) * agreement);
        boolean blindSpot = self != null && others != null && self - others >= PERCEPTION_GAP;
        boolean hiddenStrength = self != null && others != null && others - self >= PERCEPTION_GAP;
        return new SkillScore(skill, self, others, Map.copyOf(byGroup), n, round(agreement), confidence,
                weightSum == 0 ? List.of() : List.copyOf(counted), List.copyOf(folded), List.copyOf(withheld),
                blindSpot, hiddenStrength);
    }

    private static int count(Map<RaterGroup, List<Double>> groups, Set<RaterGroup> which) {
        return which.stream().mapToInt(g -> groups.get(g).size()).sum();
    }

    static double mean(List<Double> values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.size();
    }

    static double stdDev(List<Double> values) {
        double m = mean(values);
        double sq = 0;
        for (double v : values) {
            sq += (v - m) * (v - m);
        }
        return Math.sqrt(sq / values.size());
    }

    static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
