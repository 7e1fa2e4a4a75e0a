package org.skillpath.notification;

import org.skillpath.kit.test.TestInfra;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The delivery policy on the embedded broker and store (no Docker needed). */
class NudgePolicyIT extends NudgePolicyContract {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.embedded(registry, "notification-policy");
    }
}
