package org.skillpath.bench;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import org.bson.Document;

/**
 * What the outbox relay's claims cost on the embedded store as a collection grows: the store ignores every
 * non-unique index, so the scan's claim filter reads the whole collection. A lookup by {@code _id} alone uses the
 * {@code _id} index; a filter naming {@code _id} and any other field (the claim of a woken document by id, a
 * versioned save) does not: mongo-java-server uses an index only when the filter's fields are exactly the
 * index's, so that filter scans as well.
 */
final class StoreProbe {

    private StoreProbe() {
    }

    /** Milliseconds per empty claim, per empty claim by {@code _id} and per {@code _id} lookup, by collection size. */
    static Map<Integer, Map<String, Double>> measure(String mongoUri, List<Integer> sizes) {
        Map<Integer, Map<String, Double>> out = new LinkedHashMap<>();
        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoCollection<Document> c = client.getDatabase("bench-probe").getCollection("aggregates");
            c.createIndex(Indexes.ascending("outboxPending", "outboxLeaseUntil"), new IndexOptions().name("outbox_relay"));
            List<String> ids = new ArrayList<>();
            String filler = "x".repeat(1500); // about the size of a stored plan
            for (int size : sizes) {
                List<Document> batch = new ArrayList<>();
                while (ids.size() < size) {
                    String id = UUID.randomUUID().toString();
                    ids.add(id);
                    batch.add(new Document("_id", id).append("orgId", "probe").append("body", filler)
                            .append("outbox", List.of()).append("outboxPending", false)
                            .append("outboxLeaseUntil", new Date(0)).append("version", 0L));
                    if (batch.size() == 1000) {
                        c.insertMany(batch);
                        batch = new ArrayList<>();
                    }
                }
                if (!batch.isEmpty()) {
                    c.insertMany(batch);
                }
                int rounds = 10;
                long t0 = System.nanoTime();
                for (int i = 0; i < rounds; i++) {
                    c.findOneAndUpdate(new Document("outboxPending", true)
                                    .append("outboxLeaseUntil", new Document("$lt", new Date())),
                            new Document("$set", new Document("outboxLeaseUntil", new Date())),
                            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
                }
                double claim = (System.nanoTime() - t0) / 1e6 / rounds;
                t0 = System.nanoTime();
                for (int i = 0; i < rounds; i++) {
                    // The relay's claim of a woken document, here one that is not pending: finds nothing.
                    c.findOneAndUpdate(new Document("_id", ids.get(i * (ids.size() / rounds))).append("outboxPending", true)
                                    .append("outboxLeaseUntil", new Document("$lt", new Date())),
                            new Document("$set", new Document("outboxLeaseUntil", new Date())),
                            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
                }
                double claimById = (System.nanoTime() - t0) / 1e6 / rounds;
                t0 = System.nanoTime();
                for (int i = 0; i < rounds; i++) {
                    c.find(new Document("_id", ids.get(i * (ids.size() / rounds)))).first();
                }
                double byId = (System.nanoTime() - t0) / 1e6 / rounds;
                Map<String, Double> row = new LinkedHashMap<>();
                row.put("claimMs", Math.round(claim * 10) / 10.0);
                row.put("claimByIdMs", Math.round(claimById * 10) / 10.0);
                row.put("findByIdMs", Math.round(byId * 100) / 100.0);
                out.put(size, row);
            }
            c.drop();
        }
        return out;
    }
}
