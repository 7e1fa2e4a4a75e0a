package org.skillpath.notification.nudges;

import java.util.Map;

/** What is left of a nudge's content after the person it concerned was erased: nothing. */
public record ErasedModel() implements NudgeModel {

    @Override
    public Map<String, Object> templateVariables(People people) {
        throw new IllegalStateException("an erased nudge is never rendered");
    }
}
