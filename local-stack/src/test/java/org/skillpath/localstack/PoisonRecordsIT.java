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

    record Binding(Service service, String binding, String dlt, String sourceTopic) {
    }

    @Test
    void everyPoisonRecordReachesEveryDeadLetterTopicOfItsTopicAndNothingElseDoes() throws Exception {
        List<Binding> bindings = bindings();
        assertThat(bindings).as("consumer bindings with a dead-letter topic").hasSizeGreaterThanOrEqualTo(6);
        Map<String, List<String>> poisonKeysByTopic = new LinkedHashMap<>();
        for (String topic : bindings.stream().map(Binding::sourceTopic).distinct().toList()) {
            poisonKeysByTopic.put(topic, publishPoison(topic));
        }
        for (Binding b : bindings) {
            List<String> expected = poisonKeysByTopic.get(b.sourceTopic());
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
        Binding b = bindings().stream().filter(x -> x.service() == Service.PLAN).findFirst().orElseThrow();
        List<String> keys = publishPoison(b.sourceTopic());
        await().atMost(Duration.ofSeconds(60)).until(() -> listed(b).stream().anyMatch(n -> keys.contains(n.get("key").asString())));
        JsonNode letter = listed(b).stream().filter(n -> keys.contains(n.get("key").asString())).findFirst().orElseThrow();
        assertThat(letter.get("reason").asString()).isNotBlank();
        assertThat(letter.get("originalTopic").asString()).isEqualTo(b.sourceTopic());
        long before = countFor(b, letter.get("key").asString());

        var replay = system.post(b.service(), "/api/admin/dead-letters/" + b.dlt() + "/" + letter.get("partition").asInt()
                + "/" + letter.get("offset").asLong() + "/replay", "ops", "");
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        // Still poison: the consumer dead-letters it again, which proves the replay reached the consumer.
        await().atMost(Duration.ofSeconds(60)).until(() -> countFor(b, letter.get("key").asString()) > before);

        var missing = system.post(b.service(), "/api/admin/dead-letters/" + b.dlt() + "/0/999999/replay", "ops", "");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
    }

    private List<JsonNode> listed(Binding b) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(system.get(b.service(), "/api/admin/dead-letters/" + b.dlt() + "?size=100", "ops").body())
                .forEach(out::add);
        return out;
    }

    private long countFor(Binding b, String key) {
        return TopicReader.readAll(system.kafka.bootstrapServers(), b.dlt(), Duration.ofSeconds(2)).stream()
                .filter(r -> key.equals(r.key())).count();
    }

    /** The consumer bindings of all four services, from their operator API. */
    private List<Binding> bindings() throws Exception {
        List<Binding> out = new ArrayList<>();
        for (Service s : Service.values()) {
            JsonNode summaries = JSON.readTree(system.get(s, "/api/admin/dead-letters", "ops").body());
            for (JsonNode summary : summaries) {
                String dlt = summary.get("topic").asString();
                String group = s.name;
                assertThat(dlt).as("dead-letter topic naming <topic>.<group>.dlt").endsWith("." + group + ".dlt");
                out.add(new Binding(s, summary.get("binding").asString(), dlt,
                        dlt.substring(0, dlt.length() - (group.length() + ".dlt".length() + 1))));
            }
        }
        return out;
    }

    /** The five kinds of poison, each with its own key; returns the keys. */
    private List<String> publishPoison(String topic) {
        String bootstrap = system.kafka.bootstrapServers();
        String knownType = switch (topic) {
            case "skillpath.people.v1" -> "org.skillpath.person.upserted";
            case "skillpath.assessment.v1" -> "org.skillpath.skillgaps.identified";
            case "skillpath.plan.v1" -> "org.skillpath.plan.created";
            case "skillpath.progress.v1" -> "org.skillpath.step.completed";
            default -> "org.skillpath.nudge.sent";
        };
        Map<String, String> kinds = new LinkedHashMap<>();
        String id = UUID.randomUUID().toString().substring(0, 8);
        kinds.put("poison-malformed-" + id, "{\"personId\": ");
        kinds.put("poison-wrong-shape-" + id, "{\"unexpected\":true,\"orgId\":\"poison-org\"}");
        kinds.put("poison-unknown-type-" + id, "{\"orgId\":\"poison-org\"}");
        kinds.put("poison-huge-" + id, "{\"orgId\":\"poison-org\",\"blob\":\"" + "x".repeat(600_000) + "\"}");
        kinds.put("poison-no-headers-" + id, "{\"orgId\":\"poison-org\"}");
        kinds.forEach((key, value) -> {
            Map<String, String> headers = new HashMap<>(RawEvents.ceHeaders(UUID.randomUUID().toString(),
                    key.startsWith("poison-unknown-type") ? "org.skillpath.never.defined" : knownType, "poison-org", "poison/" + key));
            if (key.startsWith("poison-no-headers")) {
                headers.clear();
            }
            RawEvents.publish(bootstrap, topic, key, headers, value);
        });
        return List.copyOf(kinds.keySet());
    }
}
