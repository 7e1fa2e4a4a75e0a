package org.skillpath.assessment.assessment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Payloads this service publishes on the assessment topic (contracts/schemas/*.json). */
final class AssessmentEvents {

    static final String REQUESTED = "org.skillpath.assessment.requested";
    static final String COMPLETED = "org.skillpath.assessment.completed";
    static final String GAPS_IDENTIFIED = "org.skillpath.skillgaps.identified";

    private AssessmentEvents() {
    }

    record AssessmentRequested(String assessmentId, String personId, String orgId, String roleProfileId,
                               String invitationId, String raterId, RaterGroup raterGroup, LocalDate dueOn,
                               Instant requestedAt, String previousAssessmentId) {
    }

    record AssessmentCompleted(String assessmentId, String personId, String orgId, String roleProfileId,
                               Instant completedAt, Map<String, Integer> raterCounts, String previousAssessmentId) {
    }

    record SkillGapsIdentified(String assessmentId, String personId, String orgId, String roleProfileId,
                               String roleName, Instant identifiedAt, String previousAssessmentId,
                               List<GapAnalysis.Gap> gaps, List<GapAnalysis.Strength> strengths,
                               List<Growth> growth) {
    }

    record Growth(String skillId, double previousLevel, double currentLevel) {
    }
}
