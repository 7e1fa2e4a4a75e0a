package org.skillpath.progress.progress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How far a plan has come, derived from its steps and today's date; never stored, so it cannot go stale.
 *
 * @param percentComplete      completed effort over total effort, rounded down: 100 only when all is done
 * @param stepsByStatus        every status, zero counts included, in declaration order
 * @param overdueStepIds       steps not completed whose due date is before today, in plan order
 */
public record Progress(int percentComplete, BigDecimal completedEffortHours, BigDecimal totalEffortHours,
                       Map<StepStatus, Integer> stepsByStatus, List<String> overdueStepIds) {

    public static Progress of(List<PlanStep> steps, LocalDate today) {
        // Decimal sums: in binary floating point 0.1 + 0.2 of 0.3 hours would not be 100 %.
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal completed = BigDecimal.ZERO;
        Map<StepStatus, Integer> byStatus = new EnumMap<>(StepStatus.class);
        for (StepStatus s : StepStatus.values()) {
            byStatus.put(s, 0);
        }
        for (PlanStep step : steps) {
            BigDecimal effort = BigDecimal.valueOf(step.effortHours());
            total = total.add(effort);
            if (step.status() == StepStatus.COMPLETED) {
                completed = completed.add(effort);
            }
            byStatus.merge(step.status(), 1, Integer::sum);
        }
        int percent = total.signum() == 0 ? 0
                : completed.multiply(BigDecimal.valueOf(100)).divide(total, 0, RoundingMode.DOWN).intValueExact();
        List<String> overdue = steps.stream()
                .filter(s -> s.status() != StepStatus.COMPLETED && s.dueOn().isBefore(today))
                .map(PlanStep::stepId).toList();
        return new Progress(percent, completed, total, byStatus, overdue);
    }
}
