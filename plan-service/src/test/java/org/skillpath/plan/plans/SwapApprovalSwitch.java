package org.skillpath.plan.plans;

/**
 * Lets the contract tests switch manager approval of swaps on the one shared context: a second context with the
 * property set would join the same consumer group and take records meant for the first.
 */
public final class SwapApprovalSwitch {

    private SwapApprovalSwitch() {
    }

    public static void set(PlanLifecycle lifecycle, boolean needed) {
        lifecycle.swapNeedsApproval(needed);
    }
}
