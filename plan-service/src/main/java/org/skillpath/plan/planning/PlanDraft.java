package org.skillpath.plan.planning;

import java.time.LocalDate;
import java.util.List;

/**
 * What the planner proposes: dated new steps in the order they start, notes for the person, the mix of the whole
 * plan (kept steps included), and the mentors it matched (one per gap at most).
 */
public record PlanDraft(List<PlannedStep> steps, List<String> notes, Mix mix, LocalDate startsOn, LocalDate endsOn,
                        List<MentorMatch> mentors) {
}
