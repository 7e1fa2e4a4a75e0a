package org.skillpath.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.skillpath.kit.outbox.app.RelayTestApplication;
import org.skillpath.kit.outbox.app.RelayTestApplication.Widget;
import org.skillpath.kit.test.TestInfra;
import org.skillpath.kit.test.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running relay, woken by saves: with a poll interval of an hour only the wake-up can publish within the
 * test, so a published event proves the claim by {@code _id}; relays woken for the same documents while another
 * scans all the time still publish each event exactly once.
 */
@SpringBootTest(classes = RelayTestApplication.class, properties = {
        "skillpath.outbox.collections=widgets", "skillpath.outbox.enabled=true", "skillpath.outbox.lease=30s",
        "skillpath.outbox.poll-interval=1h"})
class OutboxWakeUpIT {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.embedded(registry, "kit-relay-wake");
    }

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    OutboxProperties properties;
    @Autowired
    MeterRegistry meters;
    @Autowired
    @Qualifier("outboxKafkaTemplate")
    KafkaTemplate<String, byte[]> kafka;

    @Test
    void aSavedDocumentIsClaimedByIdAndPublishedWithoutWaitingForTheScan() {
        Counter scans = meters.get("skillpath.outbox.scans").counter();
        await("the relay's start-up scan").atMost(Duration.ofSeconds(20)).until(() -> scans.count() >= 1);
        double scansBefore = scans.count();

        List<String> ids = ids("woken", 20);
        ids.forEach(id -> mongo.save(new Widget(id, "a").renamed("b")));

        Map<String, List<ConsumerRecord<String, byte[]>>> byKey = published(ids, 1, Duration.ofSeconds(10));
        assertThat(byKey).hasSize(ids.size());
        assertThat(byKey.values()).allMatch(records -> records.size() == 1);
        assertThat(scans.count()).as("no scan ran: the poll interval is an hour").isEqualTo(scansBefore);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ids).allSatisfy(id -> {
            Document stored = mongo.getCollection("widgets").find(new Document("_id", id)).first();
            assertThat(stored.getList(OutboxDocument.OUTBOX, Document.class)).isEmpty();
            assertThat(stored.getBoolean(OutboxDocument.PENDING)).isFalse();
        }));
    }

    @Test
    void relaysWokenForTheSameDocumentsWhileAnotherScansPublishEveryEventExactlyOnce() {
        // A second relay, woken by every save as well and scanning every 5 ms: by-id claims compete with each
        // other and with the scan.
        OutboxRelay second = new OutboxRelay(mongo, kafka, new OutboxProperties(properties.collections(),
                Duration.ofMillis(5), properties.lease(), properties.batchSize(), properties.sendTimeout(), true),
                Clock.systemUTC(), new SimpleMeterRegistry());
        OutboxWakeUp secondWakeUp = new OutboxWakeUp(second);
        context.addApplicationListener(secondWakeUp);
        second.start();
        List<String> ids = ids("contended", 60);
        try {
            ids.parallelStream().forEach(id -> mongo.save(new Widget(id, "a").renamed("b").renamed("c")));
            Map<String, List<ConsumerRecord<String, byte[]>>> byKey = published(ids, 2, Duration.ofSeconds(20));
            assertThat(byKey).hasSize(ids.size());
            assertThat(byKey.values()).allSatisfy(records -> {
                assertThat(records).hasSize(2);
                assertThat(records.stream().map(r -> new String(r.headers().lastHeader("ce_id").value(),
                        StandardCharsets.UTF_8)).distinct()).hasSize(2);
            });
        } finally {
            context.removeApplicationListener(secondWakeUp);
            second.stop();
        }
    }

    private static List<String> ids(String prefix, int n) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return IntStream.range(0, n).mapToObj(i -> prefix + "-" + run + "-" + i).toList();
    }

    /**
     * The records of these keys, read until each has {@code perKey} of them and then two seconds more, so that a
     * duplicate would be seen too.
     */
    private static Map<String, List<ConsumerRecord<String, byte[]>>> published(List<String> keys, int perKey,
                                                                               Duration patience) {
        Set<String> wanted = Set.copyOf(keys);
        long[] enoughSince = {0};
        List<ConsumerRecord<String, byte[]>> all = TopicReader.read(TestInfra.embeddedBootstrapServers(),
                RelayTestApplication.TOPIC, patience.plusSeconds(2), records -> {
                    Map<String, Long> counts = records.stream().filter(r -> wanted.contains(r.key()))
                            .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
                    if (counts.size() < wanted.size() || counts.values().stream().anyMatch(c -> c < perKey)) {
                        return false;
                    }
                    if (enoughSince[0] == 0) {
                        enoughSince[0] = System.nanoTime();
                    }
                    return System.nanoTime() - enoughSince[0] > Duration.ofSeconds(2).toNanos();
                });
        return all.stream().filter(r -> wanted.contains(r.key()))
                .collect(Collectors.groupingBy(ConsumerRecord::key));
    }
}
