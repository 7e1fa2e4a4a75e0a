package org.skillpath.plan;

/** The access rules on the embedded broker and store, in the same application context as {@link PlanServiceIT}. */
class AccessRulesIT extends AccessRulesContract implements EmbeddedInfrastructure {
}
