package org.skillpath.kit.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from the beginning with a throw-away consumer group, for assertions on what was published. */
public final class TopicReader {

    private TopicReader() {
    }

    /** Polls until {@code until} holds for the records read so far, or the timeout passes; returns them all. */
    public static List<ConsumerRecord<String, byte[]>> read(String bootstrap, String topic, Duration timeout,
                                                            Predicate<List<ConsumerRecord<String, byte[]>>> until) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (until.test(records)) {
                    break;
                }
            }
        }
        return records;
    }

    /** All records currently on the topic (reads until a quiet period with nothing new). */
    public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic, Duration quiet) {
        long[] lastSize = {-1};
        long[] lastChange = {System.nanoTime()};
        return read(bootstrap, topic, Duration.ofSeconds(30), recs -> {
            if (recs.size() != lastSize[0]) {
                lastSize[0] = recs.size();
                lastChange[0] = System.nanoTime();
                return false;
            }
            return System.nanoTime() - lastChange[0] > quiet.toNanos();
        });
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    public static String value(ConsumerRecord<String, byte[]> record) {
        return record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
    }

    public static Map<String, String> ceHeaders(ConsumerRecord<?, ?> record) {
        java.util.TreeMap<String, String> map = new java.util.TreeMap<>();
        for (Header h : record.headers()) {
            if (h.key().startsWith("ce_") || h.key().equals("content-type")) {
                map.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        return map;
    }
}
