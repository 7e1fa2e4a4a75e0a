package org.skillpath.plan.planning;

/**
 * The planner's tunable rules.
 *
 * @param focusGaps    how many of the highest-ranked gaps a plan works on (each gets at least one step)
 * @param mixTolerance how far (0-1, e.g. 0.10 = 10 points) a bucket's share may stray from 70-20-10 unexplained
 */
public record PlanningRules(int focusGaps, double mixTolerance) {

    public static final PlanningRules DEFAULT = new PlanningRules(3, 0.10);

    public PlanningRules {
        if (focusGaps < 1) {
            throw new IllegalArgumentException("focusGaps must be at least 1");
        }
        if (mixTolerance < 0 || mixTolerance > 1) {
            throw new IllegalArgumentException("mixTolerance must be within 0-1");
        }
    }
}
