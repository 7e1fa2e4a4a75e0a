package org.skillpath.plan;

/** The store round trips per event on the embedded store, in the same application context as {@link PlanServiceIT}. */
class StoreRoundTripsIT extends StoreRoundTripsContract implements EmbeddedInfrastructure {
}
