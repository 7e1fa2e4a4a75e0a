package org.skillpath.assessment;

import org.skillpath.kit.test.TestInfra;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The access rules on the embedded broker and store (always runs; no Docker needed). */
class AccessRulesIT extends AccessRulesContract {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.embedded(registry, "it-assessment-access");
    }
}
