package org.skillpath.kit.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.skillpath.kit.web.ApiException;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * What an operator needs after a fix: the records a consumer gave up on, with the reason and where they came
 * from, and a replay of one of them to its original topic. Replays are safe because every consumer is
 * idempotent.
 */
public class DeadLetters {

    /** Headers the binder (x-) or spring-kafka (kafka_dlt-) writes on a dead letter. */
    static final List<String> REASON = List.of("x-exception-message", "kafka_dlt-exception-message");
    static final List<String> ORIGINAL_TOPIC = List.of("x-original-topic", "kafka_dlt-original-topic");
    static final List<String> ORIGINAL_PARTITION = List.of("x-original-partition", "kafka_dlt-original-partition");
    static final List<String> ORIGINAL_OFFSET = List.of("x-original-offset", "kafka_dlt-original-offset");
    private static final int MAX_READ = 10_000;

    private final String bootstrap;
    private final Map<String, String> topicsByBinding;
    private final KafkaTemplate<String, byte[]> kafka;
    /** Scrapes ask often; the offsets are read at most every 15 s. */
    private volatile Map<String, Long> cachedCounts = Map.of();
    private volatile long cachedAt;

    public DeadLetters(String bootstrap, Map<String, String> topicsByBinding, KafkaTemplate<String, byte[]> kafka) {
        this.bootstrap = bootstrap;
        this.topicsByBinding = Map.copyOf(topicsByBinding);
        this.kafka = kafka;
    }

    public record DeadLetter(String topic, int partition, long offset, String key, String type, String eventId,
                             String reason, String originalTopic, Integer originalPartition, Long originalOffset,
                             Instant deadLetteredAt, int sizeBytes) {
    }

    public record Summary(String binding, String topic, long count) {
    }

    public Map<String, String> topicsByBinding() {
        return topicsByBinding;
    }

    public List<Summary> summaries() {
        List<Summary> out = new ArrayList<>();
        Map<String, Long> counts = counts();
        topicsByBinding.forEach((binding, topic) -> out.add(new Summary(binding, topic, counts.getOrDefault(topic, 0L))));
        return out;
    }

    /** {@link #counts()}, at most 15 s old: for metrics scrapes. */
    public Map<String, Long> recentCounts() {
        if (System.nanoTime() - cachedAt > TimeUnit.SECONDS.toNanos(15)) {
            cachedCounts = counts();
            cachedAt = System.nanoTime();
        }
        return cachedCounts;
    }

    /** Records per dead-letter topic (end minus start offsets); topics not created yet count 0. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Admin admin = Admin.create(adminProps())) {
            var existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
            for (String topic : topicsByBinding.values()) {
                if (!existing.contains(topic)) {
                    counts.put(topic, 0L);
                    continue;
                }
                Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
                Map<TopicPartition, OffsetSpec> earliest = new LinkedHashMap<>();
                admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic).partitions()
                        .forEach(p -> {
                            latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
                            earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
                        });
                long end = admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS).values().stream()
                        .mapToLong(i -> i.offset()).sum();
                long start = admin.listOffsets(earliest).all().get(5, TimeUnit.SECONDS).values().stream()
                        .mapToLong(i -> i.offset()).sum();
                counts.put(topic, end - start);
            }
        } catch (Exception e) {
            throw unavailable("cannot read dead-letter offsets: " + e.getMessage());
        }
        return counts;
    }

    /** Newest first. */
    public List<DeadLetter> list(String topic, int page, int size) {
        requireOwn(topic);
        List<DeadLetter> all = read(topic).stream().map(DeadLetters::describe)
                .sorted(Comparator.comparing(DeadLetter::deadLetteredAt).reversed()
                        .thenComparing(DeadLetter::partition).thenComparing(DeadLetter::offset, Comparator.reverseOrder()))
                .toList();
        int from = Math.min(all.size(), page * size);
        return all.subList(from, Math.min(all.size(), from + size));
    }

    /** Publishes the dead letter's key, value and CloudEvents headers to its original topic again. */
    public DeadLetter replay(String topic, int partition, long offset) {
        requireOwn(topic);
        ConsumerRecord<String, byte[]> record = read(topic).stream()
                .filter(r -> r.partition() == partition && r.offset() == offset).findFirst()
                .orElseThrow(() -> ApiException.notFound("dead letter", topic + "/" + partition + "/" + offset));
        DeadLetter letter = describe(record);
        if (letter.originalTopic() == null) {
            throw ApiException.conflict("the dead letter names no original topic; it cannot be replayed");
        }
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            if (!h.key().startsWith("x-") && !h.key().startsWith("kafka_dlt-")) {
                headers.add(h);
            }
        }
        headers.add("skillpath-replayed-from", (topic + "/" + partition + "/" + offset).getBytes(StandardCharsets.UTF_8));
        try {
            kafka.send(new ProducerRecord<>(letter.originalTopic(), null, record.key(), record.value(), headers))
                    .get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw unavailable("replay to " + letter.originalTopic() + " failed: " + e.getMessage());
        }
        return letter;
    }

    private static ApiException unavailable(String detail) {
        return new ApiException(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE, "Kafka unavailable", detail,
                List.of());
    }

    private void requireOwn(String topic) {
        if (!topicsByBinding.containsValue(topic)) {
            throw ApiException.notFound("dead-letter topic", topic);
        }
    }

    private List<ConsumerRecord<String, byte[]>> read(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                return out;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (out.size() < MAX_READ && System.nanoTime() < deadline
                    && partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    static DeadLetter describe(ConsumerRecord<String, byte[]> r) {
        String partition = header(r, ORIGINAL_PARTITION);
        String offset = header(r, ORIGINAL_OFFSET);
        return new DeadLetter(r.topic(), r.partition(), r.offset(), r.key(), header(r, List.of("ce_type")),
                header(r, List.of("ce_id")), header(r, REASON), header(r, ORIGINAL_TOPIC),
                partition == null ? null : Integer.valueOf(partition), offset == null ? null : Long.valueOf(offset),
                Instant.ofEpochMilli(r.timestamp()), r.value() == null ? 0 : r.value().length);
    }

    /** Header values are UTF-8 text, or (for partition/offset written by spring-kafka) big-endian numbers. */
    static String header(ConsumerRecord<?, ?> r, List<String> names) {
        for (String name : names) {
            Header h = r.headers().lastHeader(name);
            if (h != null && h.value() != null) {
                byte[] v = h.value();
                boolean text = true;
                for (byte b : v) {
                    if (b < 0x20 && b != '\n' && b != '\t') {
                        text = false;
                        break;
                    }
                }
                if (text) {
                    return new String(v, StandardCharsets.UTF_8);
                }
                if (v.length == 4) {
                    return String.valueOf(java.nio.ByteBuffer.wrap(v).getInt());
                }
                if (v.length == 8) {
                    return String.valueOf(java.nio.ByteBuffer.wrap(v).getLong());
                }
            }
        }
        return null;
    }

    private Properties adminProps() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "4000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        return props;
    }
}
