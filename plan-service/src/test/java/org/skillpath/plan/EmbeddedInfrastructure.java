package org.skillpath.plan;

import org.skillpath.kit.test.TestInfra;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded broker and store for every plan-service contract. One method shared by all the embedded ITs keeps
 * their context configurations equal, so they share one cached application context: a second context would be a
 * second member of the {@code plan-service} consumer group, with its own clock, taking records meant for the first.
 */
interface EmbeddedInfrastructure {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.embedded(registry, PlanServiceTestBase.DATABASE);
    }
}
