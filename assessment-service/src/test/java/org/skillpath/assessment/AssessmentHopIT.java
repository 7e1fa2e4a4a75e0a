package org.skillpath.assessment;

import org.skillpath.kit.test.TestInfra;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The hop on the embedded broker and store (always runs; no Docker needed). */
class AssessmentHopIT extends AssessmentHopContract {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.embedded(registry, "it-assessment");
    }
}
