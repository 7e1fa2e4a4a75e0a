package org.skillpath.kit.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * An event waiting inside its aggregate's document, written in the same single-document update as the state
 * that caused it. The relay publishes it as a CloudEvent (binary mode) and then removes it by {@code eventId}.
 *
 * @param key     the Kafka record key: the person the event is about, so one person's events stay in order
 * @param payload the event data as JSON, exactly as it will be published
 */
public record OutboxEvent(String eventId, String topic, String type, String source, String subject, String key,
                          String orgId, Instant time, String payload) {

    public OutboxEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(payload, "payload");
    }
}
