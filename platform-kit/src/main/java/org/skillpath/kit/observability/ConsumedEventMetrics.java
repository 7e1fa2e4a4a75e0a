package org.skillpath.kit.observability;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.skillpath.kit.events.CloudEventHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;

/**
 * On every consumer binding's input channel: the age of each event when processed (from its {@code ce_time}),
 * and the outcome of each delivery attempt, tagged by binding and event type (both low-cardinality). The log
 * line carries the trace id, so one assessment can be followed through every service's log.
 */
public class ConsumedEventMetrics implements ChannelInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ConsumedEventMetrics.class);

    private final MeterRegistry meters;
    private final Clock clock;
    private final String application;
    /** Meters by binding and type (and outcome): built once, not looked up through the registry per record. */
    private final Map<List<String>, Timer> ages = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> outcomes = new ConcurrentHashMap<>();

    public ConsumedEventMetrics(MeterRegistry meters, Clock clock, String application) {
        this.meters = meters;
        this.clock = clock;
        this.application = application;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        String type = header(message, CloudEventHeaders.TYPE);
        String time = header(message, CloudEventHeaders.TIME);
        if (time != null) {
            try {
                Duration age = Duration.between(Instant.parse(time), clock.instant());
                ages.computeIfAbsent(List.of(name(channel), type == null ? "none" : type), k -> Timer
                                .builder("skillpath.events.age").description("time from an event's ce_time to its processing")
                                .tag("binding", k.get(0)).tag("type", k.get(1)).publishPercentileHistogram().register(meters))
                        .record(age.isNegative() ? Duration.ZERO : age);
            } catch (DateTimeParseException ignored) {
                // an unreadable ce_time is the consumer's to refuse; nothing to measure here
            }
        }
        log.info("{} consuming {} {} on {}", application, type, header(message, CloudEventHeaders.ID), name(channel));
        return message;
    }

    @Override
    public void afterSendCompletion(Message<?> message, MessageChannel channel, boolean sent, Exception ex) {
        String type = header(message, CloudEventHeaders.TYPE);
        outcomes.computeIfAbsent(List.of(name(channel), type == null ? "none" : type, ex == null ? "processed" : "failed"),
                k -> Counter.builder("skillpath.events.consumed").description("delivery attempts of consumed events by outcome")
                        .tag("binding", k.get(0)).tag("type", k.get(1)).tag("outcome", k.get(2)).register(meters))
                .increment();
    }

    private static String name(MessageChannel channel) {
        return channel.toString();
    }

    private static String header(Message<?> message, String name) {
        Object v = message.getHeaders().get(name);
        return v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : v == null ? null : v.toString();
    }
}
