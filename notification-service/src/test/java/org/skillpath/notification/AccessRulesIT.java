package org.skillpath.notification;

import org.skillpath.kit.test.TestInfra;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The access rules and consumer tenancy on the embedded broker and store (no Docker needed). */
class AccessRulesIT extends AccessRulesContract {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.embedded(registry, "notification-access");
    }
}
