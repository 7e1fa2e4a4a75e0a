package org.skillpath.plan.plans;

/** Who acts on a plan: the caller's relation to it, from the token (the owner, or the owner's manager). */
public enum Actor {
    PERSON, MANAGER
}
