package org.skillpath.dashboard.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The two views of a plan this client reads: plan-service's ({@code /api/plans/{id}}: what each step is and
 * why it is there) and progress-service's ({@code /api/progress}: how far the person got).
 */
public final class Plans {

    private Plans() {
    }

    /** A ranked gap the plan addresses, with the skill's display name. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PlanGap(String skillId, String skillName, double currentLevel, double targetLevel) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PlannedStep(String stepId, String title, String format, String skillId, double effortHours,
                              LocalDate startsOn, LocalDate dueOn, String reason) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Plan(String planId, String personId, String roleName, String status, LocalDate startsOn,
                       LocalDate endsOn, List<PlannedStep> steps, List<PlanGap> gaps) {
        public Plan {
            steps = steps == null ? List.of() : steps;
            gaps = gaps == null ? List.of() : gaps;
        }
    }

    /**
     * @param status               NOT_STARTED, IN_PROGRESS, COMPLETED or SKIPPED
     * @param awaitingConfirmation on-the-job practice reported done, waiting for the manager
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StepProgress(String stepId, String title, String format, String skillId, double effortHours,
                               LocalDate dueOn, String status, Instant completedAt, String skipReason,
                               boolean awaitingConfirmation) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Progress(int percentComplete, int requiredSteps, int completedSteps, List<String> overdueStepIds) {
        public Progress {
            overdueStepIds = overdueStepIds == null ? List.of() : overdueStepIds;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PlanProgress(String planId, String personId, String status, LocalDate startsOn, LocalDate endsOn,
                               Instant createdAt, List<StepProgress> steps, Progress progress, int streakWeeks,
                               Instant lastActivityAt, Instant completedAt) {
        public PlanProgress {
            steps = steps == null ? List.of() : steps;
        }
    }
}
