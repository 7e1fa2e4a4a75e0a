package org.skillpath.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skillpath.localstack.RunningSystem.Service;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The committed contracts/asyncapi.yaml cannot drift from the code: each running service describes what it
 * publishes and consumes at /asyncapi, generated from the declarations on its producers and consumers and its
 * binder configuration, and that must be exactly what the committed document says of it. Every consumer
 * binding also has its dead-letter topic named <topic>.<group>.dlt.
 */
class AsyncApiDriftIT {

    static RunningSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.shared();
    }

    @Test
    void eachServicesGeneratedDescriptionIsWhatTheCommittedDocumentSaysOfIt() throws Exception {
        Map<String, Set<String>> committed = committed();
        for (Service s : Service.values()) {
            JsonNode generated = JsonMapper.builder().build().readTree(system.getPublic(s, "/asyncapi").body());
            Set<String> ops = new TreeSet<>();
            for (JsonNode op : generated.get("operations")) {
                String action = op.get("action").asString();
                for (JsonNode type : op.get("messages")) {
                    ops.add(action + " " + op.get("channel").asString() + " " + type.asString());
                }
                if (action.equals("receive")) {
                    assertThat(op.get("x-consumer-group").asString()).isEqualTo(s.name);
                    assertThat(op.get("x-dead-letter-topic").asString())
                            .isEqualTo(op.get("channel").asString() + "." + s.name + ".dlt");
                }
            }
            assertThat(ops).as(s.name + ": generated from the code vs contracts/asyncapi.yaml")
                    .isEqualTo(committed.getOrDefault(camel(s.name), Set.of()));
        }
    }

    /** service (camelCase) → "send|receive <topic> <type>" from the committed document's operations. */
    @SuppressWarnings("unchecked")
    static Map<String, Set<String>> committed() throws Exception {
        Map<String, Object> doc;
        try (InputStream in = Files.newInputStream(Path.of("..", "contracts", "asyncapi.yaml"))) {
            doc = new Yaml().load(in);
        }
        Map<String, Object> channels = (Map<String, Object>) doc.get("channels");
        Map<String, Object> messages = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("messages");
        Map<String, Set<String>> out = new java.util.TreeMap<>();
        ((Map<String, Object>) doc.get("operations")).forEach((id, value) -> {
            Map<String, Object> op = (Map<String, Object>) value;
            String service = id.substring(0, id.indexOf(op.get("action").equals("send") ? "Sends" : "Receives"));
            String channelRef = (String) ((Map<String, Object>) op.get("channel")).get("$ref");
            Map<String, Object> channel = (Map<String, Object>) channels.get(channelRef.substring("#/channels/".length()));
            String topic = (String) channel.get("address");
            List<Object> refs = (List<Object>) op.get("messages");
            if (refs == null) { // a send without a list sends every message of its channel
                refs = ((Map<String, Object>) channel.get("messages")).values().stream().map(v -> (Object) v).toList();
            }
            for (Object ref : refs) {
                String r = (String) ((Map<String, Object>) ref).get("$ref");
                String messageId = r.substring(r.lastIndexOf('/') + 1);
                String name = (String) ((Map<String, Object>) messages.get(messageId)).get("name");
                out.computeIfAbsent(service, k -> new TreeSet<>()).add(op.get("action") + " " + topic + " " + name);
            }
        });
        return out;
    }

    static String camel(String service) {
        String[] parts = service.split("-");
        return parts[0] + Character.toUpperCase(parts[1].charAt(0)) + parts[1].substring(1);
    }
}
