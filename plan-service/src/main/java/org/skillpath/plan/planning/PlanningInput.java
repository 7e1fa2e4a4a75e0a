package org.skillpath.plan.planning;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.skillpath.plan.catalog.CatalogIndex;

/**
 * Everything one plan is built from; the planner reads nothing else, so the same input gives the same plan.
 *
 * @param gaps                 the person's gaps, in any order (the planner ranks them)
 * @param sessions             workshop sessions with seats left, by activity id
 * @param mentors              the eligible mentor pool (see {@link MentorMatcher#eligible})
 * @param completedActivityIds activities the person has completed: never planned again
 * @param kept                 for a revision: the steps that stay
 * @param startsOn             the first day of week 0 (a Monday)
 */
public record PlanningInput(List<SkillGap> gaps, CatalogIndex catalog, Map<String, List<SessionSlot>> sessions,
                            List<MentorCandidate> mentors, Set<String> completedActivityIds, List<KeptStep> kept,
                            double weeklyBudgetHours, int horizonWeeks, LocalDate startsOn, PlanningRules rules) {

    public PlanningInput {
        gaps = List.copyOf(gaps);
        Objects.requireNonNull(catalog, "catalog");
        sessions = Map.copyOf(sessions);
        mentors = List.copyOf(mentors);
        completedActivityIds = Set.copyOf(completedActivityIds);
        kept = List.copyOf(kept);
        Objects.requireNonNull(startsOn, "startsOn");
        Objects.requireNonNull(rules, "rules");
        if (!(weeklyBudgetHours > 0)) {
            throw new IllegalArgumentException("weeklyBudgetHours must be positive");
        }
        if (horizonWeeks < 1) {
            throw new IllegalArgumentException("horizonWeeks must be at least 1");
        }
    }

    /** A first plan: no sessions, mentors, completions or kept steps. */
    public static PlanningInput simple(List<SkillGap> gaps, CatalogIndex catalog, double weeklyBudgetHours,
                                       int horizonWeeks, LocalDate startsOn) {
        return new PlanningInput(gaps, catalog, Map.of(), List.of(), Set.of(), List.of(), weeklyBudgetHours,
                horizonWeeks, startsOn, PlanningRules.DEFAULT);
    }
}
