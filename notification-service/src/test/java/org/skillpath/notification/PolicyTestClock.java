package org.skillpath.notification;

import java.time.Instant;

import org.skillpath.kit.test.MutableClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The Clock of the policy tests: moved by hand, so quiet hours, caps and weekly jobs need no waiting. */
@TestConfiguration(proxyBeanMethods = false)
class PolicyTestClock {

    /** A Wednesday; each test moves on to a later week of its own. */
    static final Instant START = Instant.parse("2027-01-06T09:00:00Z");

    @Bean
    MutableClock clock() {
        return new MutableClock(START);
    }
}
