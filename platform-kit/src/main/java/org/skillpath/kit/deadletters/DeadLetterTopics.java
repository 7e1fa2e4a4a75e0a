package org.skillpath.kit.deadletters;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/** The dead-letter topics of this service's consumer bindings, read from the binder configuration. */
public final class DeadLetterTopics {

    private DeadLetterTopics() {
    }

    /** binding name → dead-letter topic, for every consumer binding with a DLQ enabled. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> of(Environment environment) {
        Map<String, Object> bindings = Binder.get(environment)
                .bind("spring.cloud.stream.kafka.bindings", Bindable.mapOf(String.class, Object.class))
                .orElse(Map.of());
        Map<String, String> topics = new TreeMap<>();
        bindings.forEach((binding, value) -> {
            if (value instanceof Map<?, ?> b && b.get("consumer") instanceof Map<?, ?> consumer) {
                Object enabled = first((Map<String, Object>) consumer, "enable-dlq", "enableDlq");
                Object name = first((Map<String, Object>) consumer, "dlq-name", "dlqName");
                if (Boolean.parseBoolean(String.valueOf(enabled)) && name != null) {
                    topics.put(binding, name.toString());
                }
            }
        });
        return topics;
    }

    private static Object first(Map<String, Object> map, String... keys) {
        for (String k : keys) {
            if (map.containsKey(k)) {
                return map.get(k);
            }
        }
        return null;
    }
}
