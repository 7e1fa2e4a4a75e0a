package org.skillpath.assessment;

import java.time.Instant;

import org.skillpath.kit.test.MutableClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Time moves only when a test moves it (due dates); one clock per test context. */
@TestConfiguration(proxyBeanMethods = false)
class TestClock {

    @Bean
    MutableClock clock() {
        return new MutableClock(Instant.now());
    }
}
