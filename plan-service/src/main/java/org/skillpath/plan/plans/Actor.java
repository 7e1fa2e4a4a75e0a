package org.skillpath.plan.plans;

/** Who acts on a plan; until the security issue, the caller states it (it will come from the token). */
public enum Actor {
    PERSON, MANAGER
}
