package org.skillpath.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skillpath.kit.test.RawEvents;
import org.skillpath.kit.test.TopicReader;
import org.skillpath.localstack.RunningSystem.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Poison on every topic that has a consumer: malformed JSON, the wrong shape for its type, an unknown type,
 * a huge payload, and no CloudEvents headers at all. Each lands in the dead-letter topic of every consumer
 * binding of that topic, with the reason and the original topic, partition and offset in headers; no good
 * record is ever dead-lettered; and an operator can replay a dead letter through the service's API.
 */
class PoisonRecordsIT {

    static RunningSystem system;
    static final ObjectMapper JSON = JsonMapper.builder().build();

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.shared();
    }

    record Binding(Service service, String dlt, String sourceTopic, List<String> handledTypes) {

        /** A type the binding reads the data of (an erasure tombstone's data is never read). */
        String dataType() {
            return handledTypes.stream().filter(t -> !t.endsWith(".erased")).findFirst().orElse(handledTypes.get(0));
        }
    }

    @Test
    void everyPoisonRecordReachesEveryDeadLetterTopicOfItsTopicAndNothingElseDoes() throws Exception {
        List<Binding> bindings = bindings();
        assertThat(bindings).as("consumer bindings with a dead-letter topic").hasSizeGreaterThanOrEqualTo(9);
        // Generic poison once per topic; poison in the data of a type once per (topic, type) a binding reads.
        Map<String, List<String>> genericByTopic = new LinkedHashMap<>();
        Map<String, List<String>> typedByTopicAndType = new LinkedHashMap<>();
        for (Binding b : bindings) {
            genericByTopic.computeIfAbsent(b.sourceTopic(), t -> publishGenericPoison(t));
            typedByTopicAndType.computeIfAbsent(b.sourceTopic() + " " + b.dataType(),
                    k -> publishTypedPoison(b.sourceTopic(), b.dataType()));
        }
        for (Binding b : bindings) {
            List<String> expected = new ArrayList<>(genericByTopic.get(b.sourceTopic()));
            typedByTopicAndType.forEach((k, keys) -> {
                if (k.equals(b.sourceTopic() + " " + b.dataType())) {
                    expected.addAll(keys);
                }
            });
            List<ConsumerRecord<String, byte[]>> dead = TopicReader.read(system.kafka.bootstrapServers(), b.dlt(),
                    Duration.ofSeconds(60), recs -> expected.stream().allMatch(k -> recs.stream().anyMatch(r -> k.equals(r.key()))));
            for (String key : expected) {
                List<ConsumerRecord<String, byte[]>> mine = dead.stream().filter(r -> key.equals(r.key())).toList();
                assertThat(mine).as(b + " has poison " + key).hasSizeGreaterThanOrEqualTo(1);
                ConsumerRecord<String, byte[]> r = mine.get(0);
                assertThat(TopicReader.header(r, "x-exception-message")).as("reason of " + key).isNotBlank();
                assertThat(TopicReader.header(r, "x-original-topic")).isEqualTo(b.sourceTopic());
                assertThat(r.headers().lastHeader("x-original-partition")).isNotNull();
                assertThat(r.headers().lastHeader("x-original-offset")).isNotNull();
            }
            assertThat(dead).as("only poison is ever dead-lettered in " + b.dlt())
                    .allMatch(r -> r.key() != null && r.key().startsWith("poison-"));
        }
    }

    @Test
    void anOperatorListsDeadLettersAndReplaysOne() throws Exception {
        Binding b = bindings().stream().filter(x -> x.service() == Service.PROGRESS).findFirst().orElseThrow();
        List<String> keys = publishGenericPoison(b.sourceTopic());
        await().atMost(Duration.ofSeconds(60)).until(() -> listed(b).stream().anyMatch(n -> keys.contains(n.get("key").asString())));
        JsonNode letter = listed(b).stream().filter(n -> keys.contains(n.get("key").asString())).findFirst().orElseThrow();
        assertThat(letter.get("reason").asString()).isNotBlank();
        assertThat(letter.get("originalTopic").asString()).isEqualTo(b.sourceTopic());
        long before = countFor(b, letter.get("key").asString());

        var replay = system.post(b.service(), "/api/admin/dead-letters/" + b.dlt() + "/" + letter.get("partition").asInt()
                + "/" + letter.get("offset").asLong() + "/replay", system.operator(), "");
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        // Still poison: the consumer dead-letters it again, which proves the replay reached the consumer.
        await().atMost(Duration.ofSeconds(60)).until(() -> countFor(b, letter.get("key").asString()) > before);

        var missing = system.post(b.service(), "/api/admin/dead-letters/" + b.dlt() + "/0/999999/replay", system.operator(), "");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
    }

    private List<JsonNode> listed(Binding b) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(system.get(b.service(), "/api/admin/dead-letters/" + b.dlt() + "?size=100", system.operator()).body())
                .forEach(out::add);
        return out;
    }

    private long countFor(Binding b, String key) {
        return TopicReader.readAll(system.kafka.bootstrapServers(), b.dlt(), Duration.ofSeconds(2)).stream()
                .filter(r -> key.equals(r.key())).count();
    }

    /** The consumer bindings of all four services, from the AsyncAPI each generates from its code. */
    private List<Binding> bindings() throws Exception {
        List<Binding> out = new ArrayList<>();
        for (Service s : Service.values()) {
            JsonNode doc = JSON.readTree(system.getPublic(s, "/asyncapi").body());
            for (JsonNode op : doc.get("operations")) {
                if (op.get("action").asString().equals("receive")) {
                    List<String> types = new ArrayList<>();
                    op.get("messages").forEach(t -> types.add(t.asString()));
                    out.add(new Binding(s, op.get("x-dead-letter-topic").asString(), op.get("channel").asString(), types));
                }
            }
        }
        return out;
    }

    /** Poison no consumer of the topic can take: an unknown type, and no CloudEvents headers at all. */
    private List<String> publishGenericPoison(String topic) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String unknown = "poison-unknown-type-" + id;
        String headerless = "poison-no-headers-" + id;
        RawEvents.publish(system.kafka.bootstrapServers(), topic, unknown, RawEvents.ceHeaders(UUID.randomUUID().toString(),
                "org.skillpath.never.defined", "poison-org", "poison/" + unknown), "{\"orgId\":\"poison-org\"}");
        RawEvents.publish(system.kafka.bootstrapServers(), topic, headerless, Map.of(), "{\"orgId\":\"poison-org\"}");
        return List.of(unknown, headerless);
    }

    /** Poison in the data of a type the consumers read: malformed JSON, the wrong shape, a huge payload. */
    private List<String> publishTypedPoison(String topic, String type) {
        Map<String, String> kinds = new LinkedHashMap<>();
        String id = UUID.randomUUID().toString().substring(0, 8);
        kinds.put("poison-malformed-" + id, "{\"personId\": ");
        kinds.put("poison-wrong-shape-" + id, "{\"unexpected\":true,\"orgId\":\"poison-org\"}");
        kinds.put("poison-huge-" + id, "{\"orgId\":\"poison-org\",\"blob\":\"" + "x".repeat(600_000) + "\"}");
        kinds.forEach((key, value) -> RawEvents.publish(system.kafka.bootstrapServers(), topic, key,
                new HashMap<>(RawEvents.ceHeaders(UUID.randomUUID().toString(), type, "poison-org", "poison/" + key)), value));
        return List.copyOf(kinds.keySet());
    }
}
