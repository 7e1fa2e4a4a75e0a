package org.skillpath.plan.planning;

import java.time.LocalDate;
import java.util.List;

/** What the planner proposes: dated steps in the order they start, notes for the person, and the achieved mix. */
public record PlanDraft(List<PlannedStep> steps, List<String> notes, Mix mix, LocalDate startsOn, LocalDate endsOn) {
}
