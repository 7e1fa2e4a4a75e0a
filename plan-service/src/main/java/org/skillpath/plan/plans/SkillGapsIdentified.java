package org.skillpath.plan.plans;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.skillpath.kit.events.PoisonEventException;
import org.skillpath.plan.planning.SkillGap;

/** The part of {@code org.skillpath.skillgaps.identified} plan-service reads. */
@JsonIgnoreProperties(ignoreUnknown = true)
record SkillGapsIdentified(String assessmentId, String personId, String orgId, String roleName,
                           Instant identifiedAt, String previousAssessmentId, List<Gap> gaps, List<Strength> strengths) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Strength(String skillId, String skillName, Double level) {
    }

    /** A reassessment: its gaps revise the person's active plan rather than start a second one. */
    boolean reassessment() {
        return previousAssessmentId != null && !previousAssessmentId.isBlank();
    }

    /** The strengths at level 4 or more (as the contract promises), ignoring malformed entries. */
    List<org.skillpath.plan.people.PersonView.Strength> strongSkills() {
        return strengths == null ? List.of() : strengths.stream()
                .filter(s -> s != null && s.skillId() != null && !s.skillId().isBlank() && s.level() != null
                        && s.level() >= 4)
                .map(s -> new org.skillpath.plan.people.PersonView.Strength(s.skillId(), s.skillName(), s.level()))
                .toList();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Gap(String skillId, String skillName, Double currentLevel, Double targetLevel, Double gap, Double weight,
               Double priority) {

        boolean complete() {
            return skillId != null && !skillId.isBlank() && currentLevel != null && targetLevel != null
                    && gap != null && gap > 0 && priority != null;
        }

        SkillGap toSkillGap() {
            return new SkillGap(skillId, skillName, currentLevel, targetLevel, gap, weight == null ? 0 : weight,
                    priority);
        }
    }

    /** Refuses what the contract requires but the record lacks; such a record can never be planned. */
    SkillGapsIdentified checked(String eventId) {
        if (blank(assessmentId) || blank(personId) || blank(orgId) || identifiedAt == null || gaps == null) {
            throw new PoisonEventException("skillgaps.identified " + eventId
                    + " lacks assessmentId, personId, orgId, identifiedAt or gaps");
        }
        if (!gaps.stream().allMatch(g -> g != null && g.complete())) {
            throw new PoisonEventException("skillgaps.identified " + eventId
                    + " has a gap without skillId, levels, a positive gap or priority");
        }
        return this;
    }

    List<SkillGap> skillGaps() {
        return gaps.stream().map(Gap::toSkillGap).toList();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
