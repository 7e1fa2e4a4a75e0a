package org.skillpath.assessment.framework;

import java.util.List;
import java.util.Optional;

/** A skill framework: skills with behavioural indicators, rated on a 1-5 proficiency scale. */
public record SkillFramework(String id, int version, String name, String description, List<ScaleLevel> scale,
                             List<Skill> skills) {

    public record ScaleLevel(int level, String name, String descriptor) {
    }

    public record Skill(String id, String name, String category, String description, List<Indicator> indicators) {
    }

    public record Indicator(String id, String text) {
    }

    public Optional<Skill> skill(String skillId) {
        return skills.stream().filter(s -> s.id().equals(skillId)).findFirst();
    }
}
