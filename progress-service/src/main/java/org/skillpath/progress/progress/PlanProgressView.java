package org.skillpath.progress.progress;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A plan's progress record as the API shows it, with its progress computed for today. Portfolio texts are not
 * part of it: they are read through the portfolio, which checks who is asking.
 *
 * @param streakWeeks consecutive weeks with activity on this plan, up to this week
 */
public record PlanProgressView(String planId, String personId, String orgId, String assessmentId, String status,
                               int revision, LocalDate startsOn, LocalDate endsOn, Instant createdAt,
                               List<PlanStep> steps, Progress progress, int streakWeeks, Instant lastActivityAt,
                               Instant completedAt, LocalDate reassessmentDueOn, List<String> mentorIds) {

    static PlanProgressView of(PlanProgress p, LocalDate today) {
        return new PlanProgressView(p.getPlanId(), p.getPersonId(), p.getOrgId(), p.getAssessmentId(), p.getStatus(),
                p.getRevision(), p.getStartsOn(), p.getEndsOn(), p.getCreatedAt(), p.getSteps(),
                Progress.of(p.getSteps(), today), Streaks.weekly(p.getActivityDays(), today), p.getLastActivityAt(),
                p.getCompletedAt(), p.getReassessmentDueOn(), p.getMentorIds());
    }
}
