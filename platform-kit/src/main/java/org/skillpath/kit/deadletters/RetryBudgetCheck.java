package org.skillpath.kit.deadletters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Refuses to start when a consumer binding's in-memory retries (all attempts with their back-off) could take
 * more than half of the consumer's max.poll.interval.ms: the group would evict the consumer mid-retry and
 * rebalance, again and again (a rebalance storm).
 */
public class RetryBudgetCheck implements SmartInitializingSingleton {

    private final Environment environment;

    public RetryBudgetCheck(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> problems = check(environment);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("retry budgets exceed the poll interval: " + problems);
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> check(Environment environment) {
        Binder binder = Binder.get(environment);
        long pollInterval = binder.bind("spring.cloud.stream.kafka.binder.consumer-properties.max.poll.interval.ms", Long.class)
                .orElse(300_000L);
        Map<String, Object> bindings = binder.bind("spring.cloud.stream.bindings", Bindable.mapOf(String.class, Object.class))
                .orElse(Map.of());
        List<String> problems = new ArrayList<>();
        bindings.forEach((name, value) -> {
            if (value instanceof Map<?, ?> b && b.get("consumer") instanceof Map<?, ?> c) {
                Map<String, Object> consumer = (Map<String, Object>) c;
                int attempts = intOf(consumer, 3, "max-attempts", "maxAttempts");
                long initial = intOf(consumer, 1000, "back-off-initial-interval", "backOffInitialInterval");
                long max = intOf(consumer, 10_000, "back-off-max-interval", "backOffMaxInterval");
                double multiplier = Double.parseDouble(String.valueOf(
                        consumer.getOrDefault("back-off-multiplier", consumer.getOrDefault("backOffMultiplier", "2.0"))));
                long total = 0;
                long delay = initial;
                for (int i = 1; i < attempts; i++) {
                    total += Math.min(delay, max);
                    delay = (long) (delay * multiplier);
                }
                if (total > pollInterval / 2) {
                    problems.add(name + ": " + total + " ms of back-off against max.poll.interval.ms " + pollInterval);
                }
            }
        });
        return problems;
    }

    private static int intOf(Map<String, Object> map, int fallback, String... keys) {
        for (String k : keys) {
            if (map.containsKey(k)) {
                return Integer.parseInt(String.valueOf(map.get(k)));
            }
        }
        return fallback;
    }
}
