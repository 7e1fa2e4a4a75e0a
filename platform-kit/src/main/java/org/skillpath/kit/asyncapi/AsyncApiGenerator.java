package org.skillpath.kit.asyncapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

/**
 * This service's part of the AsyncAPI document, generated from the code: the {@link ProducesEvents} and
 * {@link ConsumesEvents} declarations on its beans and the binder configuration of its bindings (topic,
 * group, dead-letter topic). A test compares it with the committed contracts/asyncapi.yaml, so the
 * documentation cannot drift from what the service does.
 */
public class AsyncApiGenerator {

    private final ApplicationContext context;
    private final Environment environment;

    public AsyncApiGenerator(ApplicationContext context, Environment environment) {
        this.context = context;
        this.environment = environment;
    }

    public record Operation(String action, String topic, List<String> types, String group, String deadLetterTopic) {
    }

    public List<Operation> operations() {
        Map<String, TreeSet<String>> sends = new TreeMap<>();
        List<Operation> receives = new ArrayList<>();
        for (String name : context.getBeanDefinitionNames()) {
            Class<?> type = context.getType(name);
            if (type == null) {
                continue;
            }
            Class<?> user = org.springframework.util.ClassUtils.getUserClass(type);
            for (ProducesEvents p : user.getAnnotationsByType(ProducesEvents.class)) {
                sends.computeIfAbsent(p.topic(), t -> new TreeSet<>()).addAll(List.of(p.types()));
            }
            ConsumesEvents c = user.getAnnotation(ConsumesEvents.class);
            if (c != null) {
                String prefix = "spring.cloud.stream.bindings." + c.binding() + ".";
                receives.add(new Operation("receive", environment.getProperty(prefix + "destination"),
                        new TreeSet<>(List.of(c.types())).stream().toList(), environment.getProperty(prefix + "group"),
                        environment.getProperty("spring.cloud.stream.kafka.bindings." + c.binding() + ".consumer.dlq-name")));
            }
        }
        List<Operation> out = new ArrayList<>();
        sends.forEach((topic, types) -> out.add(new Operation("send", topic, List.copyOf(types), null, null)));
        receives.sort((a, b) -> String.valueOf(a.topic()).compareTo(String.valueOf(b.topic())));
        out.addAll(receives);
        return out;
    }

    /** An AsyncAPI 3.0 document of this service alone (channels, operations, message names). */
    public Map<String, Object> document(String application) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("asyncapi", "3.0.0");
        doc.put("info", Map.of("title", application, "version", "generated",
                "description", "Generated from the code of " + application + "; the system's document is contracts/asyncapi.yaml"));
        Map<String, Object> channels = new TreeMap<>();
        Map<String, Object> operations = new LinkedHashMap<>();
        int i = 0;
        for (Operation op : operations()) {
            Map<String, Object> messages = new TreeMap<>();
            op.types().forEach(t -> messages.put(t, Map.of("name", t,
                    "payload", Map.of("$ref", "schemas/" + t.substring("org.skillpath.".length()) + ".json"))));
            Map<String, Object> channel = new LinkedHashMap<>();
            channel.put("address", op.topic());
            channel.put("messages", messages);
            channels.merge(op.topic(), channel, (a, b) -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> merged = new TreeMap<>((Map<String, Object>) ((Map<String, Object>) a).get("messages"));
                @SuppressWarnings("unchecked")
                Map<String, Object> more = (Map<String, Object>) ((Map<String, Object>) b).get("messages");
                merged.putAll(more);
                return Map.of("address", op.topic(), "messages", merged);
            });
            Map<String, Object> operation = new LinkedHashMap<>();
            operation.put("action", op.action());
            operation.put("channel", op.topic());
            operation.put("messages", op.types());
            if (op.group() != null) {
                operation.put("x-consumer-group", op.group());
                operation.put("x-dead-letter-topic", op.deadLetterTopic());
            }
            operations.put(op.action() + "-" + (i++), operation);
        }
        doc.put("channels", channels);
        doc.put("operations", operations);
        return doc;
    }
}
