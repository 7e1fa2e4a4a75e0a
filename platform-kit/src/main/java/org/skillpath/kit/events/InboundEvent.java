package org.skillpath.kit.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * A CloudEvent read from a Kafka record in binary content mode. Construction validates the required
 * attributes; anything malformed is a {@link PoisonEventException}. A record with no value is a tombstone
 * (e.g. {@code org.skillpath.person.erased} on the compacted people topic): {@link #tombstone()} is true and
 * {@link #data} refuses it.
 */
public record InboundEvent(String id, String source, String type, String subject, Instant time, String orgId,
                           String key, byte[] data) {

    /** {@code source} + {@code id} identify an event uniquely: the natural de-duplication key. */
    public String dedupKey() {
        return source + "#" + id;
    }

    public static InboundEvent from(Message<byte[]> message) {
        MessageHeaders h = message.getHeaders();
        String spec = header(h, CloudEventHeaders.SPEC_VERSION);
        if (!CloudEventHeaders.SPEC_VERSION_VALUE.equals(spec)) {
            throw new PoisonEventException("not a CloudEvents 1.0 record (ce_specversion=" + spec + ")");
        }
        String id = required(h, CloudEventHeaders.ID);
        String source = required(h, CloudEventHeaders.SOURCE);
        String type = required(h, CloudEventHeaders.TYPE);
        String orgId = required(h, CloudEventHeaders.ORG_ID);
        String timeText = header(h, CloudEventHeaders.TIME);
        Instant time = null;
        if (timeText != null) {
            try {
                time = Instant.parse(timeText);
            } catch (DateTimeParseException e) {
                throw new PoisonEventException("ce_time is not an RFC 3339 timestamp: " + timeText);
            }
        }
        Object rawKey = h.get(KafkaHeaders.RECEIVED_KEY);
        String key = rawKey instanceof byte[] b ? new String(b, StandardCharsets.UTF_8)
                : rawKey == null ? null : rawKey.toString();
        // A Kafka tombstone arrives as KafkaNull, whatever the declared payload type.
        Object payload = message.getPayload();
        byte[] data = payload instanceof byte[] b && b.length > 0 ? b : null;
        return new InboundEvent(id, source, type, header(h, CloudEventHeaders.SUBJECT), time, orgId, key, data);
    }

    /** A record without data: on a compacted topic, the deletion of the key's state. */
    public boolean tombstone() {
        return data == null;
    }

    /** Reads the data as the consumer's own record type; a shape that does not fit is poison. */
    public <T> T data(ObjectMapper mapper, Class<T> type) {
        if (data == null) {
            throw new PoisonEventException("event " + this.type + " " + id + " has no data");
        }
        try {
            T value = mapper.readValue(data, type);
            if (value == null) {
                throw new PoisonEventException("event " + this.type + " " + id + " has null data");
            }
            return value;
        } catch (JacksonException e) {
            throw new PoisonEventException("event " + this.type + " " + id + " data does not fit "
                    + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private static String required(MessageHeaders h, String name) {
        String value = header(h, name);
        if (value == null || value.isBlank()) {
            throw new PoisonEventException("missing CloudEvents attribute " + name);
        }
        return value;
    }

    static String header(MessageHeaders h, String name) {
        Object v = h.get(name);
        if (v == null) {
            return null;
        }
        return v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : v.toString();
    }
}
