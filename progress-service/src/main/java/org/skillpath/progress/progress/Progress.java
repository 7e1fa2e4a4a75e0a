package org.skillpath.progress.progress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far a plan has come, derived from its steps and today's date; never stored, so it cannot go stale.
 * Progress is weighed by effort, not by count: a 6-hour workshop weighs six times a 1-hour reading. Skipped
 * steps are no longer required, so they leave both sides of the fraction.
 *
 * @param percentComplete      completed effort over required effort, rounded down: 100 only when all is done
 * @param totalEffortHours     the required effort: every step that is not skipped
 * @param requiredSteps        steps not skipped
 * @param completedSteps       steps completed
 * @param stepsByStatus        every status, zero counts included, in declaration order
 * @param overdueStepIds       open steps whose due date is before today, in plan order
 * @param bySkill              the same maths per skill, in order of the skill's first step
 */
public record Progress(int percentComplete, BigDecimal completedEffortHours, BigDecimal totalEffortHours,
                       BigDecimal skippedEffortHours, int requiredSteps, int completedSteps,
                       Map<StepStatus, Integer> stepsByStatus, List<String> overdueStepIds, List<SkillProgress> bySkill) {

    /** Progress on one skill's steps. */
    public record SkillProgress(String skillId, int percentComplete, BigDecimal completedEffortHours,
                                BigDecimal totalEffortHours, int overdueSteps) {
    }

    public static Progress of(List<PlanStep> steps, LocalDate today) {
        Tally all = new Tally();
        Map<String, Tally> bySkill = new LinkedHashMap<>();
        Map<StepStatus, Integer> byStatus = new EnumMap<>(StepStatus.class);
        for (StepStatus s : StepStatus.values()) {
            byStatus.put(s, 0);
        }
        List<String> overdue = new ArrayList<>();
        for (PlanStep step : steps) {
            all.add(step, today);
            bySkill.computeIfAbsent(step.skillId(), k -> new Tally()).add(step, today);
            byStatus.merge(step.status(), 1, Integer::sum);
            if (step.overdueOn(today)) {
                overdue.add(step.stepId());
            }
        }
        List<SkillProgress> skills = bySkill.entrySet().stream()
                .map(e -> new SkillProgress(e.getKey(), e.getValue().percent(), e.getValue().completed,
                        e.getValue().required, e.getValue().overdue))
                .toList();
        return new Progress(all.percent(), all.completed, all.required, all.skipped, all.requiredSteps,
                all.completedSteps, byStatus, overdue, skills);
    }

    /** Every required step done, and at least one: a plan whose steps were all skipped has achieved nothing. */
    public boolean allRequiredDone() {
        return completedSteps > 0 && completedSteps == requiredSteps;
    }

    /** Decimal sums: in binary floating point 0.1 + 0.2 of 0.3 hours would not be 100 %. */
    private static final class Tally {
        BigDecimal required = BigDecimal.ZERO;
        BigDecimal completed = BigDecimal.ZERO;
        BigDecimal skipped = BigDecimal.ZERO;
        int requiredSteps;
        int completedSteps;
        int overdue;

        void add(PlanStep step, LocalDate today) {
            BigDecimal effort = BigDecimal.valueOf(step.effortHours());
            if (step.status() == StepStatus.SKIPPED) {
                skipped = skipped.add(effort);
                return;
            }
            required = required.add(effort);
            requiredSteps++;
            if (step.status() == StepStatus.COMPLETED) {
                completed = completed.add(effort);
                completedSteps++;
            }
            if (step.overdueOn(today)) {
                overdue++;
            }
        }

        int percent() {
            return required.signum() == 0 ? 0
                    : completed.multiply(BigDecimal.valueOf(100)).divide(required, 0, RoundingMode.DOWN).intValueExact();
        }
    }
}
