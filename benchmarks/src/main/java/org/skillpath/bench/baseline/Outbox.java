package org.skillpath.bench.baseline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

/**
 * The outbox of one baseline "service", written by hand: events live in the aggregate's document (field
 * {@code outbox}); one relay thread claims documents with a lease, sends their events as CloudEvents (binary
 * mode) with acks=all and the idempotent producer, waits for the acknowledgements, then removes the events by
 * id (one versioned update while nothing was queued since the claim). The same store operations, producer
 * settings, batch size, wake-up and poll interval as the kit's relay:
 * a document just saved ({@link #wakeUp(Object)}) is claimed by {@code _id}; the scan for pending documents
 * runs on the poll timer only (and when the wake-up queue is full).
 */
final class Outbox implements AutoCloseable {

    static final String PENDING = "outboxPending";
    static final String LEASE_UNTIL = "outboxLeaseUntil";
    static final String LEASE_OWNER = "outboxLeaseOwner";
    static final String OUTBOX = "outbox";
    static final String VERSION = "version";
    private static final int BATCH = 100;
    private static final long LEASE_MS = 30_000;
    private static final long POLL_MS = 500;
    /** Woken documents waiting to be claimed; beyond this the relay falls back to a scan, as the kit's does. */
    private static final int MAX_WOKEN = 10_000;

    private final MongoCollection<Document> collection;
    private final KafkaProducer<String, byte[]> producer;
    private final String owner = UUID.randomUUID().toString();
    private final Semaphore wake = new Semaphore(0);
    private final BlockingQueue<Object> woken = new LinkedBlockingQueue<>(MAX_WOKEN);
    private volatile boolean scanRequested;
    private final Thread thread;
    private volatile boolean running = true;

    Outbox(String name, MongoCollection<Document> collection, String bootstrap) {
        this.collection = collection;
        collection.createIndex(Indexes.ascending(PENDING, LEASE_UNTIL), new IndexOptions().name("outbox_relay"));
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 12_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "baseline-relay-" + name);
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        thread = new Thread(this::loop, "baseline-relay-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** An outbox entry, as the kit stores it. */
    static Document event(String eventId, String topic, String type, String source, String subject, String key,
                          String orgId, Instant time, String payload) {
        return new Document("eventId", eventId).append("topic", topic).append("type", type).append("source", source)
                .append("subject", subject).append("key", key).append("orgId", orgId).append("time", Date.from(time))
                .append("payload", payload);
    }

    /** Marks a new aggregate document as carrying {@code events}: written with it, in the same insert. */
    static Document withEvents(Document aggregate, List<Document> events) {
        return aggregate.append(OUTBOX, events).append(PENDING, !events.isEmpty())
                .append(LEASE_UNTIL, new Date(0)).append(VERSION, 0L);
    }

    /** Called after a save that queued events in document {@code id}: the relay claims it by {@code _id}. */
    void wakeUp(Object id) {
        if (id == null || !woken.offer(id)) {
            scanRequested = true;
        }
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    /** Woken documents first, a scan when the poll timer (or a full queue) asks for one, else wait. */
    private void loop() {
        long nextScan = System.nanoTime();
        while (running) {
            try {
                drainWoken();
                if (scanRequested || System.nanoTime() - nextScan >= 0) {
                    scanRequested = false;
                    int n;
                    do {
                        n = drain();
                    } while (n > 0 && running);
                    nextScan = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POLL_MS);
                }
                if (woken.isEmpty() && !scanRequested) {
                    wake.tryAcquire(Math.max(0, nextScan - System.nanoTime()), TimeUnit.NANOSECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    System.err.println(thread.getName() + ": " + e);
                }
                try {
                    Thread.sleep(POLL_MS);
                } catch (InterruptedException stopping) {
                    return;
                }
            }
        }
    }

    /** The scan: claims pending documents whose lease ran out, a batch at a time. */
    private int drain() {
        Date now = new Date();
        List<Document> claimed = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            Document doc = claim(new Document(PENDING, true), now);
            if (doc == null) {
                break;
            }
            claimed.add(doc);
        }
        return publish(claimed);
    }

    /** Claims the woken documents by {@code _id}, a batch at a time; a document saved twice is claimed once. */
    private int drainWoken() {
        List<Object> batch = new ArrayList<>();
        woken.drainTo(batch, BATCH);
        if (batch.isEmpty()) {
            return 0;
        }
        Set<Object> ids = new LinkedHashSet<>(batch);
        Date now = new Date();
        List<Document> claimed = new ArrayList<>();
        for (Object id : ids) {
            // No match: already published, or leased by a scan that publishes it.
            Document doc = claim(new Document("_id", id).append(PENDING, true), now);
            if (doc != null) {
                claimed.add(doc);
            }
        }
        return publish(claimed);
    }

    /** The one claim, by scan or by id: a pending document whose lease ran out; takes the lease, bumps the version. */
    private Document claim(Document filter, Date now) {
        return collection.findOneAndUpdate(
                filter.append(LEASE_UNTIL, new Document("$lt", now)),
                new Document("$set", new Document(LEASE_UNTIL, new Date(now.getTime() + LEASE_MS)).append(LEASE_OWNER, owner))
                        .append("$inc", new Document(VERSION, 1L)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)
                        .projection(Projections.include(OUTBOX, VERSION)));
    }

    private int publish(List<Document> claimed) {
        if (claimed.isEmpty()) {
            return 0;
        }
        List<List<Future<RecordMetadata>>> sends = new ArrayList<>();
        for (Document doc : claimed) {
            List<Future<RecordMetadata>> futures = new ArrayList<>();
            for (Document e : events(doc)) {
                futures.add(producer.send(record(e)));
            }
            sends.add(futures);
        }
        int count = 0;
        for (int i = 0; i < claimed.size(); i++) {
            Document doc = claimed.get(i);
            try {
                for (Future<RecordMetadata> f : sends.get(i)) {
                    f.get(15, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                System.err.println(thread.getName() + ": publish failed for " + doc.get("_id") + ": " + e);
                continue;
            }
            List<String> ids = events(doc).stream().map(e -> e.getString("eventId")).toList();
            if (collection.updateOne(new Document("_id", doc.get("_id")).append(VERSION, doc.get(VERSION)),
                    new Document("$set", new Document(LEASE_UNTIL, new Date(0)).append(OUTBOX, List.of()).append(PENDING, false))
                            .append("$unset", new Document(LEASE_OWNER, ""))
                            .append("$inc", new Document(VERSION, 1L))).getMatchedCount() == 0) {
                collection.updateOne(new Document("_id", doc.get("_id")),
                        new Document("$pull", new Document(OUTBOX, new Document("eventId", new Document("$in", ids))))
                                .append("$set", new Document(LEASE_UNTIL, new Date(0)))
                                .append("$unset", new Document(LEASE_OWNER, ""))
                                .append("$inc", new Document(VERSION, 1L)));
                long cleared = collection.updateOne(new Document("_id", doc.get("_id")).append(OUTBOX, new Document("$size", 0)),
                        new Document("$set", new Document(PENDING, false))).getMatchedCount();
                if (cleared == 0) {
                    // Events queued while the lease was held: their save's wake-up found the document leased.
                    wakeUp(doc.get("_id"));
                }
            }
            count += ids.size();
        }
        return count;
    }

    @SuppressWarnings("unchecked")
    private static List<Document> events(Document doc) {
        Object list = doc.get(OUTBOX);
        return list instanceof List<?> l ? (List<Document>) l : List.of();
    }

    private static ProducerRecord<String, byte[]> record(Document e) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEvents.SPEC_VERSION, bytes("1.0"));
        headers.add(CloudEvents.ID, bytes(e.getString("eventId")));
        headers.add(CloudEvents.SOURCE, bytes(e.getString("source")));
        headers.add(CloudEvents.TYPE, bytes(e.getString("type")));
        headers.add(CloudEvents.TIME, bytes(e.getDate("time").toInstant().toString()));
        if (e.getString("subject") != null) {
            headers.add(CloudEvents.SUBJECT, bytes(e.getString("subject")));
        }
        headers.add(CloudEvents.ORG_ID, bytes(e.getString("orgId")));
        headers.add("content-type", bytes("application/json"));
        return new ProducerRecord<>(e.getString("topic"), null, e.getString("key"),
                e.getString("payload").getBytes(StandardCharsets.UTF_8), headers);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
