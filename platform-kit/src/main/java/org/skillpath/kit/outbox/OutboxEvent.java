package org.skillpath.kit.outbox;

import java.time.Instant;
import java.util.Objects;

import org.skillpath.kit.observability.TraceContext;

/**
 * An event waiting inside its aggregate's document, written in the same single-document update as the state
 * that caused it. The relay publishes it as a CloudEvent (binary mode) and then removes it by {@code eventId}.
 *
 * @param key         the Kafka record key: the person the event is about, so one person's events stay in order
 * @param payload     the event data as JSON, exactly as it will be published
 * @param traceparent the W3C trace context current when the event was raised (null outside a trace), sent as
 *                    the record's {@code traceparent} header so the trace survives the outbox
 */
public record OutboxEvent(String eventId, String topic, String type, String source, String subject, String key,
                          String orgId, Instant time, String payload, String traceparent) {

    /** An event raised now, in the current trace. */
    public OutboxEvent(String eventId, String topic, String type, String source, String subject, String key,
                       String orgId, Instant time, String payload) {
        this(eventId, topic, type, source, subject, key, orgId, time, payload, TraceContext.currentTraceparent());
    }

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
