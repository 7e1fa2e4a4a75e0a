package org.skillpath.kit.test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes records straight to a topic: redeliveries of real records, hand-made events, poison. */
public final class RawEvents {

    private RawEvents() {
    }

    public static void republish(String bootstrap, List<ConsumerRecord<String, byte[]>> records) {
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            for (ConsumerRecord<String, byte[]> r : records) {
                producer.send(new ProducerRecord<>(r.topic(), null, r.key(), r.value(), r.headers())).get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void publish(String bootstrap, String topic, String key, Map<String, String> headers, String value) {
        RecordHeaders h = new RecordHeaders();
        headers.forEach((k, v) -> h.add(k, v.getBytes(StandardCharsets.UTF_8)));
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            producer.send(new ProducerRecord<>(topic, null, key,
                    value == null ? null : value.getBytes(StandardCharsets.UTF_8), h)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CloudEvents headers of a well-formed event. */
    public static Map<String, String> ceHeaders(String id, String type, String orgId, String subject) {
        return Map.of("ce_specversion", "1.0", "ce_id", id, "ce_source", "/skillpath/test", "ce_type", type,
                "ce_time", Instant.now().toString(), "ce_subject", subject, "ce_orgid", orgId,
                "content-type", "application/json");
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }
}
