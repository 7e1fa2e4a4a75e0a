package org.skillpath.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads an arm's three topics from their current ends and stamps each flight (by record key = person id) with
 * the record timestamps, i.e. when the relay handed the event to Kafka. When this thread sees a record does not
 * matter: only the timestamps the producers wrote are used.
 */
final class StageWatcher implements AutoCloseable {

    static final String GAPS = "org.skillpath.skillgaps.identified";
    static final String PLAN_CREATED = "org.skillpath.plan.created";
    static final String NUDGE_SENT = "org.skillpath.nudge.sent";

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Flight> byPerson = new ConcurrentHashMap<>();
    private final ObjectMapper json;
    private final Thread thread;
    private volatile boolean running = true;

    StageWatcher(String bootstrap, Arm.Topics topics, ObjectMapper json) {
        this.json = json;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-stage-watcher");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.assessment(), topics.plan(), topics.notification())) {
            consumer.partitionsFor(topic, Duration.ofSeconds(10))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end offsets now, before anything is sent
        thread = new Thread(this::loop, "bench-stage-watcher");
        thread.setDaemon(true);
    }

    void watch(List<Flight> flights) {
        flights.forEach(f -> byPerson.put(f.personId, f));
        if (!thread.isAlive()) {
            thread.start();
        }
    }

    private void loop() {
        while (running) {
            try {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    stamp(r);
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                return;
            } catch (RuntimeException e) {
                System.err.println("stage watcher: " + e);
            }
        }
    }

    private void stamp(ConsumerRecord<String, byte[]> r) {
        Flight f = r.key() == null ? null : byPerson.get(r.key());
        if (f == null) {
            return;
        }
        long ts = r.timestamp() * 1_000L;
        switch (type(r)) {
            case GAPS -> {
                if (f.gapsPublished == 0) {
                    f.gapsPublished = ts;
                }
            }
            case PLAN_CREATED -> {
                if (f.planPublished == 0) {
                    f.planPublished = ts;
                    JsonNode createdAt = json.readTree(r.value()).get("createdAt");
                    if (createdAt != null && createdAt.isString()) {
                        f.planStored = MicroClock.micros(Instant.parse(createdAt.asString()));
                    }
                }
            }
            case NUDGE_SENT -> {
                if (f.nudgePublished == 0) {
                    f.nudgePublished = ts;
                }
            }
            default -> {
            }
        }
    }

    private static String type(ConsumerRecord<String, byte[]> r) {
        Header h = r.headers().lastHeader("ce_type");
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(2));
    }
}
