package org.skillpath.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.skillpath.kit.outbox.app.RelayTestApplication;
import org.skillpath.kit.outbox.app.RelayTestApplication.Widget;
import org.skillpath.kit.test.CloudEventsConformance;
import org.skillpath.kit.test.MutableClock;
import org.skillpath.kit.test.TestInfra;
import org.skillpath.kit.test.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The relay on the real broker and store: events leave the document once, as CloudEvents; a crash between
 * the broker's ack and the removal republishes (at least once, never lost); competing relays never publish
 * one event twice.
 */
@SpringBootTest(classes = RelayTestApplication.class, properties = {
        "skillpath.outbox.collections=widgets", "skillpath.outbox.enabled=false", "skillpath.outbox.lease=30s"})
class OutboxRelayIT {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.embedded(registry, "kit-relay");
    }

    @Autowired
    MongoTemplate mongo;
    @Autowired
    OutboxRelay relay;
    @Autowired
    OutboxProperties properties;
    @Autowired
    @Qualifier("outboxKafkaTemplate")
    KafkaTemplate<String, byte[]> kafka;

    @Test
    void publishesEachEventOnceAsABinaryModeCloudEventAndEmptiesTheOutbox() {
        Widget w = mongo.save(new Widget("w-1", "a").renamed("b").renamed("c"));
        assertThat(mongo.findById(w.getId(), Widget.class).pendingEvents()).hasSize(2);

        assertThat(relay.drainOnce()).isEqualTo(2);
        assertThat(relay.drainOnce()).isZero();

        Widget stored = mongo.findById("w-1", Widget.class);
        assertThat(stored.pendingEvents()).isEmpty();
        assertThat(mongo.getCollection("widgets").find(new org.bson.Document("_id", "w-1")).first()
                .getBoolean(OutboxDocument.PENDING)).isFalse();

        List<ConsumerRecord<String, byte[]>> records = read("w-1", 2);
        assertThat(records).hasSize(2);
        CloudEvent first = CloudEventsConformance.read(records.get(0));
        assertThat(first.getType()).isEqualTo("org.skillpath.widget.renamed");
        assertThat(first.getExtension("orgid")).isEqualTo("org-1");
        assertThat(new String(first.getData().toBytes())).contains("\"name\":\"b\"");
        assertThat(new String(CloudEventsConformance.read(records.get(1)).getData().toBytes())).contains("\"name\":\"c\"");
    }

    @Test
    void aCrashAfterTheAckRepublishesAfterTheLeaseAndNeverLosesTheEvent() {
        MutableClock clock = new MutableClock(Instant.now());
        OutboxRelay crashing = new OutboxRelay(mongo, kafka, properties, clock, new SimpleMeterRegistry());
        mongo.save(new Widget("w-2", "a").renamed("b"));
        crashing.setCrashAfterAck(true);
        crashing.drainOnce();
        crashing.setCrashAfterAck(false);
        assertThat(mongo.findById("w-2", Widget.class).pendingEvents()).as("still waiting after the crash").hasSize(1);
        assertThat(crashing.drainOnce()).as("lease not yet expired: nobody takes it").isZero();
        clock.advance(properties.lease().plusSeconds(1));
        assertThat(crashing.drainOnce()).isEqualTo(1);
        List<ConsumerRecord<String, byte[]>> records = read("w-2", 2);
        assertThat(records).hasSize(2);
        assertThat(records.get(0).headers().lastHeader("ce_id").value())
                .as("the redelivery carries the same event id, so consumers absorb it")
                .isEqualTo(records.get(1).headers().lastHeader("ce_id").value());
        assertThat(mongo.findById("w-2", Widget.class).pendingEvents()).isEmpty();
    }

    @Test
    void anEventQueuedWhileTheRelayPublishesStaysPendingAndIsPublishedNext() {
        mongo.save(new Widget("w-3", "a").renamed("b"));
        OutboxRelay relay = new OutboxRelay(mongo, kafka, properties, Clock.systemUTC(), new SimpleMeterRegistry());
        relay.setBeforeRemoval(id -> {
            Widget w = mongo.findById(id, Widget.class);
            mongo.save(w.renamed("c")); // a save between the broker's ack and the removal
        });
        assertThat(relay.drainOnce()).isEqualTo(1);
        relay.setBeforeRemoval(id -> { });
        Widget afterFirst = mongo.findById("w-3", Widget.class);
        assertThat(afterFirst.pendingEvents()).as("the event queued meanwhile stays").hasSize(1);
        assertThat(mongo.getCollection("widgets").find(new org.bson.Document("_id", "w-3")).first()
                .getBoolean(OutboxDocument.PENDING)).isTrue();

        assertThat(relay.drainOnce()).isEqualTo(1);
        assertThat(mongo.findById("w-3", Widget.class).pendingEvents()).isEmpty();
        List<ConsumerRecord<String, byte[]>> records = read("w-3", 2);
        assertThat(records).hasSize(2);
        assertThat(new String(CloudEventsConformance.read(records.get(1)).getData().toBytes())).contains("\"name\":\"c\"");
    }

    @Test
    void competingRelaysPublishEveryEventExactlyOnce() throws Exception {
        int widgets = 60;
        for (int i = 0; i < widgets; i++) {
            mongo.save(new Widget("c-" + i, "a").renamed("b"));
        }
        OutboxRelay second = new OutboxRelay(mongo, kafka, properties, Clock.systemUTC(), new SimpleMeterRegistry());
        Thread a = new Thread(relay::drainOnce);
        Thread b = new Thread(second::drainOnce);
        a.start();
        b.start();
        a.join();
        b.join();
        List<ConsumerRecord<String, byte[]>> records = TopicReader.read(TestInfra.embeddedBootstrapServers(),
                RelayTestApplication.TOPIC, Duration.ofSeconds(20),
                recs -> recs.stream().filter(r -> r.key().startsWith("c-")).count() >= widgets);
        Map<String, Long> perWidget = records.stream().filter(r -> r.key().startsWith("c-"))
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
        assertThat(perWidget).hasSize(widgets);
        assertThat(perWidget.values()).allMatch(n -> n == 1L);
    }

    private List<ConsumerRecord<String, byte[]>> read(String key, int atLeast) {
        List<ConsumerRecord<String, byte[]>> all = TopicReader.read(TestInfra.embeddedBootstrapServers(),
                RelayTestApplication.TOPIC, Duration.ofSeconds(20),
                recs -> recs.stream().filter(r -> key.equals(r.key())).count() >= atLeast);
        return all.stream().filter(r -> key.equals(r.key())).toList();
    }
}
