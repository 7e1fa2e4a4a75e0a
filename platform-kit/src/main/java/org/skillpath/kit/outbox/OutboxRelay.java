package org.skillpath.kit.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
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
 * <p>
 * Two ways to find work, both through the same atomic lease claim: a document just saved with pending events
 * ({@link #wakeUp(String, Object)}) is claimed by {@code _id} at once; the scan of whole collections for
 * pending documents runs on the poll timer only, for what no wake-up covers (events left by a crashed relay
 * after their lease, documents saved by other instances whose relay is gone, a full wake-up queue). On a
 * store without secondary indexes a scan reads the whole collection, so a wake-up must not cost one.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Woken documents waiting to be claimed; beyond this the relay falls back to a scan (nothing is lost). */
    private static final int MAX_WOKEN = 10_000;

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties properties;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    private final Semaphore wake = new Semaphore(0);
    private final BlockingQueue<Woken> woken = new LinkedBlockingQueue<>(MAX_WOKEN);
    private volatile boolean scanRequested;
    private final Counter published;
    private final Counter failures;
    private final Counter scans;
    private final MeterRegistry meters;
    private final java.util.List<OutboxPublishListener> listeners;
    private volatile boolean running;
    private volatile Thread worker;
    /** Fault injection for the reliability tests: stop after the broker's ack, before removal. */
    private volatile boolean crashAfterAck;
    private volatile java.util.function.Consumer<Object> beforeRemoval = id -> { };

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
        this.scans = Counter.builder("skillpath.outbox.scans")
                .description("scans of the outbox collections for pending documents (wake-ups claim by id instead)")
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

    /** A document saved with pending events, to be claimed by {@code _id}. */
    private record Woken(String collection, Object id) {
    }

    /** Asks for a scan of every collection now, instead of at the next poll. */
    public void wakeUp() {
        scanRequested = true;
        signal();
    }

    /**
     * Called after a save that queued events in document {@code id} of {@code collection}: the relay claims that
     * document by {@code _id} at once, without scanning. Ignored for collections the relay does not serve.
     */
    public void wakeUp(String collection, Object id) {
        if (!Boolean.TRUE.equals(properties.enabled()) || !properties.collections().contains(collection)) {
            return;
        }
        if (id == null || !woken.offer(new Woken(collection, id))) {
            wakeUp();
            return;
        }
        signal();
    }

    private void signal() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    /** One scan over every collection; returns the number of events published. Used by tests too. */
    public int drainOnce() {
        int total = 0;
        for (String collection : properties.collections()) {
            int n;
            do {
                n = drain(collection);
                total += n;
            } while (n > 0 && running);
        }
        scans.increment();
        return total;
    }

    private int drain(String collectionName) {
        MongoCollection<Document> collection = mongo.getCollection(collectionName);
        Instant now = clock.instant();
        List<Document> claimed = new ArrayList<>();
        for (int i = 0; i < properties.batchSize(); i++) {
            // A plain filter document (no explicit $and): the embedded store plans it with the index.
            Document doc = claim(collection, new Document(OutboxDocument.PENDING, true), now);
            if (doc == null) {
                break;
            }
            claimed.add(doc);
        }
        return publish(collectionName, collection, claimed);
    }

    /** Claims the woken documents by {@code _id}, a batch at a time; returns the number of events published. */
    private int drainWoken() {
        List<Woken> batch = new ArrayList<>();
        woken.drainTo(batch, properties.batchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        // A document saved twice in a row is claimed once.
        Map<String, Set<Object>> ids = new LinkedHashMap<>();
        for (Woken w : batch) {
            ids.computeIfAbsent(w.collection(), c -> new LinkedHashSet<>()).add(w.id());
        }
        int total = 0;
        for (Map.Entry<String, Set<Object>> e : ids.entrySet()) {
            MongoCollection<Document> collection = mongo.getCollection(e.getKey());
            Instant now = clock.instant();
            List<Document> claimed = new ArrayList<>();
            for (Object id : e.getValue()) {
                // Already published, or leased by another relay (which publishes it): nothing to do here.
                Document doc = claim(collection, new Document("_id", id).append(OutboxDocument.PENDING, true), now);
                if (doc != null) {
                    claimed.add(doc);
                }
            }
            total += publish(e.getKey(), collection, claimed);
        }
        return total;
    }

    /**
     * The one claim, by scan or by id: matches only a pending document whose lease ran out, takes the lease and
     * bumps the version atomically, so of several relays exactly one gets it.
     */
    private Document claim(MongoCollection<Document> collection, Document filter, Instant now) {
        return collection.findOneAndUpdate(
                filter.append(OutboxDocument.LEASE_UNTIL, new Document("$lt", Date.from(now))),
                new Document("$set", new Document(OutboxDocument.LEASE_UNTIL, Date.from(now.plus(properties.lease())))
                        .append(OutboxDocument.LEASE_OWNER, owner))
                        .append("$inc", new Document(OutboxDocument.VERSION, 1L)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)
                        .projection(Projections.include(OutboxDocument.OUTBOX, OutboxDocument.VERSION)));
    }

    private int publish(String collectionName, MongoCollection<Document> collection, List<Document> claimed) {
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
            beforeRemoval.accept(doc.get("_id"));
            remove(collectionName, collection, doc, ids);
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

    /**
     * Removes the published events and releases the lease. While the version is still the claim's, nothing was
     * saved since, so the outbox holds exactly these events: one update empties it and clears the flag. Otherwise
     * the events are pulled by id, and the flag cleared only if nothing new was queued meanwhile.
     */
    private void remove(String collectionName, MongoCollection<Document> collection, Document doc, List<String> ids) {
        Document release = new Document(OutboxDocument.LEASE_UNTIL, Date.from(Instant.EPOCH));
        Document unsetOwner = new Document(OutboxDocument.LEASE_OWNER, "");
        Document bump = new Document(OutboxDocument.VERSION, 1L);
        Object claimedVersion = doc.get(OutboxDocument.VERSION);
        if (claimedVersion != null && collection.updateOne(
                new Document("_id", doc.get("_id")).append(OutboxDocument.VERSION, claimedVersion),
                new Document("$set", new Document(release).append(OutboxDocument.OUTBOX, List.of())
                        .append(OutboxDocument.PENDING, false))
                        .append("$unset", unsetOwner).append("$inc", bump)).getMatchedCount() == 1) {
            return;
        }
        collection.updateOne(new Document("_id", doc.get("_id")),
                new Document("$pull", new Document(OutboxDocument.OUTBOX,
                        new Document("eventId", new Document("$in", ids))))
                        .append("$set", release).append("$unset", unsetOwner).append("$inc", bump));
        long cleared = collection.updateOne(new Document("_id", doc.get("_id"))
                        .append(OutboxDocument.OUTBOX, new Document("$size", 0)),
                new Document("$set", new Document(OutboxDocument.PENDING, false))).getMatchedCount();
        if (cleared == 0) {
            // Events queued while this relay held the lease: their save's wake-up found the document leased.
            wakeUp(collectionName, doc.get("_id"));
        }
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

    /** Fault injection for tests: runs after the broker's ack, before the events are removed. */
    void setBeforeRemoval(java.util.function.Consumer<Object> hook) {
        this.beforeRemoval = hook;
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

    /** Woken documents first, a scan when the poll timer (or a no-id wake-up) asks for one, else wait. */
    private void loop() {
        long nextScan = System.nanoTime(); // at once: events a previous run left behind
        while (running) {
            try {
                drainWoken();
                if (scanRequested || System.nanoTime() - nextScan >= 0) {
                    scanRequested = false;
                    drainOnce();
                    nextScan = System.nanoTime() + properties.pollInterval().toNanos();
                }
                if (woken.isEmpty() && !scanRequested) {
                    wake.tryAcquire(Math.max(0, nextScan - System.nanoTime()), TimeUnit.NANOSECONDS);
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
