package org.skillpath.dashboard.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * progress-service's dashboard API ({@code /api/dashboard/**}) as this client reads it: its own records, lenient
 * to fields added later. Levels are 0-5; a null target is a strength (no target to reach).
 */
public final class Dashboards {

    private Dashboards() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page<T>(List<T> items, int page, int size, long totalItems, int totalPages) {
        public Page {
            items = items == null ? List.of() : items;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PlanSummary(String planId, String status, int progressPercent, int overdueSteps, LocalDate nextDueOn) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Gap(String skillId, String skillName, double currentLevel, Double targetLevel) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MemberRow(String personId, String displayName, String department, PlanSummary activePlan,
                            List<Gap> topGaps, Instant lastActivityAt) {
        public MemberRow {
            topGaps = topGaps == null ? List.of() : topGaps;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SkillCell(String skillId, String skillName, double averageCurrent, Double averageTarget, int people) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SkillGrowth(String skillId, String skillName, double averagePrevious, double averageCurrent,
                              double averageChange, int people) {
    }

    /** {@code available} is false for groups too small to aggregate without singling someone out. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Aggregates(boolean available, String reason, int people, Integer averageProgressPercent,
                             Integer overdueSteps, List<SkillCell> heatMap, List<SkillGrowth> growth) {
        public Aggregates {
            heatMap = heatMap == null ? List.of() : heatMap;
            growth = growth == null ? List.of() : growth;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TeamOverview(String managerId, int teamSize, Aggregates aggregates, Page<MemberRow> members) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OrganisationOverview(Aggregates aggregates, Page<MemberRow> people) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StepDetail(String stepId, String title, String skillId, double effortHours, LocalDate dueOn,
                             boolean done, Instant completedAt, boolean overdue) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PlanDetail(String planId, String status, Instant createdAt, LocalDate startsOn, LocalDate endsOn,
                             int progressPercent, Instant completedAt, List<StepDetail> steps) {
        public PlanDetail {
            steps = steps == null ? List.of() : steps;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Growth(String skillId, double previousLevel, double currentLevel) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MemberDetail(String personId, String displayName, String managerId, String department,
                               String roleName, Instant assessedAt, List<Gap> topGaps, List<Gap> levels,
                               List<Growth> growth, List<PlanDetail> plans, Instant lastActivityAt) {
        public MemberDetail {
            topGaps = topGaps == null ? List.of() : topGaps;
            levels = levels == null ? List.of() : levels;
            growth = growth == null ? List.of() : growth;
            plans = plans == null ? List.of() : plans;
        }
    }
}
