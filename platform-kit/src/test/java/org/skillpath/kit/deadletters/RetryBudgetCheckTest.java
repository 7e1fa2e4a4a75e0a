package org.skillpath.kit.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class RetryBudgetCheckTest {

    @Test
    void theServicesRetryBudgetFitsWellInsideThePollInterval() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("spring.cloud.stream.bindings.planEvents-in-0.consumer.max-attempts", "3")
                .withProperty("spring.cloud.stream.bindings.planEvents-in-0.consumer.back-off-initial-interval", "200")
                .withProperty("spring.cloud.stream.bindings.planEvents-in-0.consumer.back-off-max-interval", "2000");
        assertThat(RetryBudgetCheck.check(env)).isEmpty();
    }

    @Test
    void aBudgetThatWouldOutlastHalfThePollIntervalIsRefusedByName() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("spring.cloud.stream.kafka.binder.consumer-properties.max.poll.interval.ms", "10000")
                .withProperty("spring.cloud.stream.bindings.slow-in-0.consumer.max-attempts", "5")
                .withProperty("spring.cloud.stream.bindings.slow-in-0.consumer.back-off-initial-interval", "2000")
                .withProperty("spring.cloud.stream.bindings.slow-in-0.consumer.back-off-max-interval", "10000");
        // 2 s + 4 s + 8 s + 10 s = 24 s of back-off against a 10 s poll interval
        assertThat(RetryBudgetCheck.check(env)).singleElement().asString().startsWith("slow-in-0: 24000 ms");
    }

    @Test
    void deadLetterTopicsAreReadFromTheBindings() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("spring.cloud.stream.kafka.bindings.planEvents-in-0.consumer.enable-dlq", "true")
                .withProperty("spring.cloud.stream.kafka.bindings.planEvents-in-0.consumer.dlq-name", "skillpath.plan.v1.x.dlt")
                .withProperty("spring.cloud.stream.kafka.bindings.other-in-0.consumer.start-offset", "earliest");
        assertThat(DeadLetterTopics.of(env)).containsExactly(java.util.Map.entry("planEvents-in-0", "skillpath.plan.v1.x.dlt"));
    }
}
