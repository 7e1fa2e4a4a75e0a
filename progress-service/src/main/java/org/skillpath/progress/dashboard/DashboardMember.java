package org.skillpath.progress.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The dashboard's read model: one document per person, written only by events (people, assessment, plan and
 * progress topics) and only by updates that commute (set-once values, minimum and maximum, set additions,
 * last-writer-wins guarded by the event's own time or revision). Events of different topics can therefore
 * arrive in any order, twice, or all over again from the beginning, and the document ends the same.
 * Levels and progress only: no rater's individual response ever reaches it.
 */
@Document("dashboard_members")
@CompoundIndexes({
        @CompoundIndex(name = "org_manager", def = "{'orgId': 1, 'managerId': 1}"),
        @CompoundIndex(name = "org_department", def = "{'orgId': 1, 'department': 1}")
})
public record DashboardMember(@Id String personId, String orgId, String displayName, String managerId,
                              String department, Boolean active, Instant gapsAt, Gaps gaps,
                              Map<String, DashPlan> plans, Instant lastActivityAt) {

    /** The latest assessment's outcome: ranked gaps, levels per skill, growth since the previous assessment. */
    public record Gaps(String assessmentId, String roleProfileId, String roleName, Instant identifiedAt,
                       List<SkillLevel> levels, List<Growth> growth) {
    }

    /**
     * @param target null for a strength (the assessment reports its level only)
     * @param rank   the gap's priority rank, 1 first; null for strengths
     */
    public record SkillLevel(String skillId, String skillName, double current, Double target, Integer rank) {
    }

    public record Growth(String skillId, double previousLevel, double currentLevel) {
    }

    /** A plan as the dashboard knows it; any part may still be missing while other topics catch up. */
    public record DashPlan(String planId, String assessmentId, Instant createdAt, LocalDate startsOn, LocalDate endsOn,
                           Integer stepsRevision, List<DashStep> steps, List<DashStep> stepsEver,
                           List<Done> done, Instant activatedAt, Instant completedAt, Instant archivedAt) {
    }

    public record DashStep(String stepId, String title, String skillId, double effortHours, LocalDate dueOn) {
    }

    public record Done(String stepId, Instant completedAt) {
    }
}
