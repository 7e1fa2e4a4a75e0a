package org.skillpath.plan.planning;

/**
 * One ranked gap between a person's current level and the target role's level of a skill.
 *
 * @param currentLevel 0-5, averaged over raters, so usually fractional
 * @param gap          targetLevel - currentLevel, positive
 * @param priority     the assessment's ranking score: higher first
 */
public record SkillGap(String skillId, String skillName, double currentLevel, double targetLevel, double gap,
                       double weight, double priority) {
}
