package org.skillpath.notification.nudges;

import java.util.Map;

/**
 * What a nudge's template renders, captured from the causing event when the nudge is recorded. Names of other
 * people are looked up at send time through {@link People}.
 */
public sealed interface NudgeModel permits PlanReadyModel, RaterInvitationModel, MentorIntroductionModel, StepModel,
        EscalationModel, EncouragementModel, PlanCompletedModel, ReassessmentDueModel, ManagerDigestModel, DigestModel,
        ErasedModel {

    /** The template's variables. */
    Map<String, Object> templateVariables(People people);
}
