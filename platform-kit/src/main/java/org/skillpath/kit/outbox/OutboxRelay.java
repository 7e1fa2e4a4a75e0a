package org.skillpath.kit.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.skillpath.kit.events.CloudEventHeaders;

/**
 * Publishes the events waiting in aggregate documents. Each round claims documents with a lease (so several
 * instances never publish the same event in normal operation), sends their events and waits for the broker's
 * acknowledgement (acks=all, idempotent producer), then removes exactly the published events by id. A crash
 * between the acknowledgement and the removal means the events go out again after the lease: consumers are
 * idempotent, so that is a harmless redelivery, never a loss.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties properties;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    private final Semaphore wake = new Semaphore(0);
    private final Counter published;
    private final Counter failures;
    private final MeterRegistry meters;
    private final java.util.List<OutboxPublishListener> listeners;
    private volatile boolean running;
    private volatile Thread worker;
    /** Fault injection for the reliability tests: stop after the broker's ack, before removal. */
    private volatile boolean crashAfterAck;

    public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka, OutboxProperties properties,
                       Clock clock, MeterRegistry meters) {
        this(mongo, kafka, properties, clock, meters, java.util.List.of());
    }

    public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka, OutboxProperties properties,
                       Clock clock, MeterRegistry meters, java.util.List<OutboxPublishListener> listeners) {
        this.meters = meters;
        this.listeners = java.util.List.copyOf(listeners);
        this.mongo = mongo;
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
        this.published = Counter.builder("skillpath.outbox.published").description("events published by the outbox relay")
                .register(meters);
        this.failures = Counter.builder("skillpath.outbox.failures").description("outbox publish rounds that failed")
                .register(meters);
        for (String collection : properties.collections()) {
            Gauge.builder("skillpath.outbox.backlog", () -> backlog(collection))
                    .description("documents with events not yet published").tag("collection", collection)
                    .register(meters);
            Gauge.builder("skillpath.outbox.oldest.age", () -> oldestAgeSeconds(collection))
                    .description("seconds since the oldest unpublished event was raised").tag("collection", collection)
                    .baseUnit("seconds").register(meters);
        }
    }

    /** Called after a save that queued events, so they go out without waiting for the next poll. */
    public void wakeUp() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    /** One pass over every collection; returns the number of events published. Used by tests too. */
    public int drainOnce() {
        int total = 0;
        for (String collection : properties.collections()) {
            int n;
            do {
                n = drain(collection);
                total += n;
            } while (n > 0 && running);
        }
        return total;
    }

    private int drain(String collectionName) {
        MongoCollection<Document> collection = mongo.getCollection(collectionName);
        Instant now = clock.instant();
        List<Document> claimed = new ArrayList<>();
        for (int i = 0; i < properties.batchSize(); i++) {
            // A plain filter document (no explicit $and): the embedded store plans it with the index.
            Document doc = collection.findOneAndUpdate(
                    new Document(OutboxDocument.PENDING, true)
                            .append(OutboxDocument.LEASE_UNTIL, new Document("$lt", Date.from(now))),
                    new Document("$set", new Document(OutboxDocument.LEASE_UNTIL, Date.from(now.plus(properties.lease())))
                            .append(OutboxDocument.LEASE_OWNER, owner))
                            .append("$inc", new Document(OutboxDocument.VERSION, 1L)),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)
                            .projection(Projections.include(OutboxDocument.OUTBOX)));
            if (doc == null) {
                break;
            }
            claimed.add(doc);
        }
        if (claimed.isEmpty()) {
            return 0;
        }
        List<List<CompletableFuture<SendResult<String, byte[]>>>> sends = new ArrayList<>();
        for (Document doc : claimed) {
            List<CompletableFuture<SendResult<String, byte[]>>> futures = new ArrayList<>();
            for (Document event : events(doc)) {
                futures.add(kafka.send(toRecord(event)));
            }
            sends.add(futures);
        }
        int count = 0;
        for (int i = 0; i < claimed.size(); i++) {
            Document doc = claimed.get(i);
            List<Document> events = events(doc);
            try {
                for (CompletableFuture<SendResult<String, byte[]>> f : sends.get(i)) {
                    f.get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (Exception e) {
                failures.increment();
                log.warn("outbox publish failed for {} {}: {}; retried after the lease", collectionName,
                        doc.get("_id"), e.toString());
                continue;
            }
            if (crashAfterAck) {
                log.warn("fault injection: relay stops after the broker's ack, before removing {} events", events.size());
                return count;
            }
            List<String> ids = events.stream().map(e -> e.getString("eventId")).toList();
            collection.updateOne(new Document("_id", doc.get("_id")),
                    new Document("$pull", new Document(OutboxDocument.OUTBOX,
                            new Document("eventId", new Document("$in", ids))))
                            .append("$set", new Document(OutboxDocument.LEASE_UNTIL, Date.from(Instant.EPOCH)))
                            .append("$unset", new Document(OutboxDocument.LEASE_OWNER, ""))
                            .append("$inc", new Document(OutboxDocument.VERSION, 1L)));
            // Cleared only if nothing new was queued meanwhile; a later save sets it again anyway.
            collection.updateOne(new Document("_id", doc.get("_id"))
                            .append(OutboxDocument.OUTBOX, new Document("$size", 0)),
                    new Document("$set", new Document(OutboxDocument.PENDING, false)));
            count += ids.size();
            published.increment(ids.size());
            for (Document event : events) {
                // Business counts by type: assessments requested and completed, plans created, steps overdue...
                meters.counter("skillpath.events.published", "topic", event.getString("topic"),
                        "type", event.getString("type")).increment();
                for (OutboxPublishListener listener : listeners) {
                    try {
                        listener.published(event.getString("topic"), event.getString("type"), event.getString("payload"));
                    } catch (RuntimeException e) {
                        log.warn("outbox publish listener failed: {}", e.toString());
                    }
                }
            }
        }
        return count;
    }

    @SuppressWarnings("unchecked")
    private static List<Document> events(Document doc) {
        Object list = doc.get(OutboxDocument.OUTBOX);
        return list instanceof List<?> l ? (List<Document>) l : List.of();
    }

    static ProducerRecord<String, byte[]> toRecord(Document e) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_VALUE));
        headers.add(CloudEventHeaders.ID, bytes(e.getString("eventId")));
        headers.add(CloudEventHeaders.SOURCE, bytes(e.getString("source")));
        headers.add(CloudEventHeaders.TYPE, bytes(e.getString("type")));
        Object time = e.get("time");
        Instant instant = time instanceof Date d ? d.toInstant() : Instant.parse(String.valueOf(time));
        headers.add(CloudEventHeaders.TIME, bytes(instant.toString()));
        if (e.getString("subject") != null) {
            headers.add(CloudEventHeaders.SUBJECT, bytes(e.getString("subject")));
        }
        headers.add(CloudEventHeaders.ORG_ID, bytes(e.getString("orgId")));
        headers.add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
        if (e.getString("traceparent") != null) {
            headers.add("traceparent", bytes(e.getString("traceparent")));
        }
        return new ProducerRecord<>(e.getString("topic"), null, e.getString("key"),
                e.getString("payload").getBytes(StandardCharsets.UTF_8), headers);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private double backlog(String collection) {
        try {
            return mongo.getCollection(collection).countDocuments(new Document(OutboxDocument.PENDING, true));
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Age of the oldest pending event among the first pending documents (the backlog is small in health). */
    private double oldestAgeSeconds(String collection) {
        try {
            Instant oldest = null;
            for (Document doc : mongo.getCollection(collection).find(new Document(OutboxDocument.PENDING, true))
                    .projection(Projections.include(OutboxDocument.OUTBOX + ".time")).limit(200)) {
                for (Document e : events(doc)) {
                    Object t = e.get("time");
                    Instant time = t instanceof Date d ? d.toInstant() : null;
                    if (time != null && (oldest == null || time.isBefore(oldest))) {
                        oldest = time;
                    }
                }
            }
            return oldest == null ? 0 : Math.max(0, (clock.millis() - oldest.toEpochMilli()) / 1000.0);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    public void setCrashAfterAck(boolean crashAfterAck) {
        this.crashAfterAck = crashAfterAck;
    }

    @Override
    public void start() {
        for (String collection : properties.collections()) {
            mongo.getCollection(collection).createIndex(
                    Indexes.ascending(OutboxDocument.PENDING, OutboxDocument.LEASE_UNTIL),
                    new IndexOptions().name("outbox_relay"));
        }
        running = true;
        if (!Boolean.TRUE.equals(properties.enabled())) {
            log.info("outbox relay disabled");
            return;
        }
        Thread t = new Thread(this::loop, "outbox-relay");
        t.setDaemon(true);
        worker = t;
        t.start();
    }

    private void loop() {
        while (running) {
            try {
                int n = drainOnce();
                if (n == 0) {
                    wake.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failures.increment();
                log.warn("outbox relay round failed: {}", e.toString());
                sleepQuietly();
            }
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(properties.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread t = worker;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before Kafka's producer factory and after the web server. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2048;
    }
}
