package org.skillpath.assessment.framework;

import java.util.List;
import java.util.Optional;

/** A target role: the level and weight the role asks of each skill. */
public record RoleProfile(String id, String name, String frameworkId, List<SkillTarget> targets) {

    public record SkillTarget(String skillId, int targetLevel, double weight) {
    }

    public Optional<SkillTarget> target(String skillId) {
        return targets.stream().filter(t -> t.skillId().equals(skillId)).findFirst();
    }
}
