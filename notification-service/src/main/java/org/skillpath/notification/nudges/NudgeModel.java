package org.skillpath.notification.nudges;

import java.util.Map;

/** What a nudge's template renders, captured from the causing event when the nudge is recorded. */
public sealed interface NudgeModel permits PlanReadyModel {

    /** The template's variables. */
    Map<String, Object> templateVariables();
}
