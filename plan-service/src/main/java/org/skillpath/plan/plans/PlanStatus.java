package org.skillpath.plan.plans;

/** A plan's life cycle as the plan contracts name it; a new plan is a proposal. */
public enum PlanStatus {
    PROPOSED, ACTIVE, COMPLETED, ARCHIVED
}
