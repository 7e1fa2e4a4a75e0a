package org.skillpath.assessment.assessment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.skillpath.assessment.framework.RoleProfile;
import org.skillpath.assessment.framework.SkillFramework;

/** Gaps against a role profile, ranked by gap x weight x confidence, each explained in words. */
public final class GapAnalysis {

    public static final double STRENGTH_LEVEL = 4.0;

    private GapAnalysis() {
    }

    public record Gap(String skillId, String skillName, double currentLevel, int targetLevel, double gap, double weight,
                      double confidence, double priority, String explanation) {
    }

    public record Strength(String skillId, String skillName, double level) {
    }

    public record Result(List<Gap> gaps, List<Strength> strengths) {
    }

    public static Result analyse(List<SkillScore> scores, RoleProfile profile, SkillFramework framework) {
        Map<String, SkillScore> bySkill = scores.stream().collect(Collectors.toMap(SkillScore::skillId, Function.identity()));
        List<Gap> gaps = new ArrayList<>();
        List<Strength> strengths = new ArrayList<>();
        for (RoleProfile.SkillTarget target : profile.targets()) {
            SkillScore score = bySkill.get(target.skillId());
            if (score == null || score.others() == null) {
                continue;
            }
            String name = framework.skill(target.skillId()).map(SkillFramework.Skill::name).orElse(target.skillId());
            double current = score.others();
            if (current >= STRENGTH_LEVEL) {
                strengths.add(new Strength(target.skillId(), name, current));
            }
            double gap = Scoring.round(target.targetLevel() - current);
            if (gap > 0) {
                double priority = Scoring.round(gap * target.weight() * score.confidence());
                gaps.add(new Gap(target.skillId(), name, current, target.targetLevel(), gap, target.weight(),
                        score.confidence(), priority, explain(name, score, target, gap, profile.name())));
            }
        }
        gaps.sort(Comparator.comparingDouble(Gap::priority).reversed().thenComparing(Gap::skillId));
        strengths.sort(Comparator.comparingDouble(Strength::level).reversed().thenComparing(Strength::skillId));
        return new Result(List.copyOf(gaps), List.copyOf(strengths));
    }

    private static String explain(String name, SkillScore s, RoleProfile.SkillTarget t, double gap, String role) {
        StringBuilder b = new StringBuilder();
        b.append(name).append(" is ").append(fmt(gap)).append(" level").append(gap == 1.0 ? "" : "s")
                .append(" below the ").append(role).append(" target of ").append(t.targetLevel())
                .append(": others rate it ").append(fmt(s.others())).append(" (")
                .append(groups(s)).append(", ").append(s.otherRaters()).append(s.otherRaters() == 1 ? " rater" : " raters")
                .append(", agreement ").append(Math.round(s.agreement() * 100)).append(" %)");
        if (!s.withheld().isEmpty()) {
            b.append("; ").append(s.withheld().stream().sorted().map(GapAnalysis::plural).collect(Collectors.joining(" and ")))
                    .append(" withheld: too few answers to stay anonymous");
        }
        if (s.self() != null) {
            b.append("; self-rating ").append(fmt(s.self()));
            if (s.blindSpot()) {
                b.append(", higher than others see it: a blind spot");
            } else if (s.hiddenStrength()) {
                b.append(", lower than others see it: a hidden strength");
            }
        }
        return b.append('.').toString();
    }

    /** The groups behind "others", in words; folded groups are named, never given a figure of their own. */
    private static String groups(SkillScore s) {
        String names = s.groups().stream().sorted().map(GapAnalysis::plural).collect(Collectors.joining(", "));
        return s.folded().isEmpty() ? names : names + " combined";
    }

    private static String plural(RaterGroup g) {
        return switch (g) {
            case MANAGER -> "manager";
            case PEER -> "peers";
            case REPORT -> "direct reports";
            case SELF -> "self";
        };
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((int) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
