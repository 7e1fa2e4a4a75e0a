package org.skillpath.notification.nudges;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * An invitation to rate a person (or oneself, for SELF) in an assessment, with the link to answer and the
 * due date.
 */
public record RaterInvitationModel(String assessmentId, String invitationId, String assessedPersonId,
                                   String raterGroup, LocalDate dueOn, String link) implements NudgeModel {

    @Override
    public Map<String, Object> templateVariables(People people) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("invitation", this);
        vars.put("self", "SELF".equals(raterGroup));
        vars.put("assessedName", people.nameOf(assessedPersonId));
        return vars;
    }
}
