package org.skillpath.progress.progress;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A plan's progress record as the API shows it, with its progress computed for today. */
public record PlanProgressView(String planId, String personId, String orgId, String assessmentId,
                               LocalDate startsOn, LocalDate endsOn, Instant createdAt, List<PlanStep> steps,
                               Progress progress) {

    static PlanProgressView of(PlanProgress p, LocalDate today) {
        return new PlanProgressView(p.getPlanId(), p.getPersonId(), p.getOrgId(), p.getAssessmentId(),
                p.getStartsOn(), p.getEndsOn(), p.getCreatedAt(), p.getSteps(), Progress.of(p.getSteps(), today));
    }
}
