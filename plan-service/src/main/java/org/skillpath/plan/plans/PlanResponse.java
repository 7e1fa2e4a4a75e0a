package org.skillpath.plan.plans;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.skillpath.plan.planning.Mix;
import org.skillpath.plan.planning.SkillGap;

/** A plan as the API shows it (without the outbox bookkeeping of the stored document). */
record PlanResponse(String planId, String personId, String orgId, String assessmentId, String roleName,
                    PlanStatus status, LocalDate startsOn, LocalDate endsOn, double weeklyBudgetHours, Mix mix,
                    List<PlanStep> steps, List<String> completedStepIds, List<String> notes, List<SkillGap> gaps,
                    int revision, List<SwapRequest> pendingSwaps, Instant createdAt, Instant activatedAt,
                    String activatedBy, Instant completedAt, Instant archivedAt, String archivedBy,
                    String archiveReason) {

    static PlanResponse of(Plan p) {
        return new PlanResponse(p.getId(), p.getPersonId(), p.getOrgId(), p.getAssessmentId(), p.getRoleName(),
                p.getStatus(), p.getStartsOn(), p.getEndsOn(), p.getWeeklyBudgetHours(), p.getMix(), p.getSteps(),
                p.getCompletedStepIds(), p.getNotes(), p.getGaps(), p.getRevision(), p.getPendingSwaps(),
                p.getCreatedAt(), p.getActivatedAt(), p.getActivatedBy(), p.getCompletedAt(), p.getArchivedAt(),
                p.getArchivedBy(), p.getArchiveReason());
    }
}
