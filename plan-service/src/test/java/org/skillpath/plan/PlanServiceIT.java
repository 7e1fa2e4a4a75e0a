package org.skillpath.plan;

import org.skillpath.kit.test.TestInfra;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The contract on the embedded Kafka broker and MongoDB stand-in: runs everywhere, no Docker needed. */
class PlanServiceIT extends PlanServiceContract {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.embedded(registry, DATABASE);
    }
}
