package org.skillpath.plan;

/** The contract on the embedded Kafka broker and MongoDB stand-in: runs everywhere, no Docker needed. */
class PlanServiceIT extends PlanServiceContract implements EmbeddedInfrastructure {
}
