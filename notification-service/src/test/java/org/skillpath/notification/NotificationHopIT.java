package org.skillpath.notification;

import org.skillpath.kit.test.TestInfra;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The notification hop on the embedded broker and store (no Docker needed). */
class NotificationHopIT extends NotificationHopContract {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.embedded(registry, "notification-hop");
    }
}
