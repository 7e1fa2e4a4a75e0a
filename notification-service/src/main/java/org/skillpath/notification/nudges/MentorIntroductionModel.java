package org.skillpath.notification.nudges;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Introduces a mentor and a mentee to each other; one nudge for each side ({@code toMentor}). */
public record MentorIntroductionModel(String planId, String menteeId, String mentorId, List<String> skillIds,
                                      String reason, boolean toMentor) implements NudgeModel {

    @Override
    public Map<String, Object> templateVariables(People people) {
        String other = toMentor ? menteeId : mentorId;
        Map<String, Object> vars = new HashMap<>();
        vars.put("intro", this);
        vars.put("otherName", people.nameOf(other));
        vars.put("otherEmail", people.emailOf(other));
        vars.put("skills", skillIds.stream().map(MentorIntroductionModel::readable).toList());
        return vars;
    }

    /** conflict-resolution → Conflict resolution: skill ids are slugs of their names. */
    static String readable(String skillId) {
        String words = skillId.replace('-', ' ').replace('_', ' ').trim();
        return words.isEmpty() ? skillId : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
