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
 * What the outbox relay's claim costs on the embedded store as a collection grows: the store ignores every
 * non-unique index, so the claim filter scans the whole collection, while a lookup by {@code _id} does not.
 */
final class StoreProbe {

    private StoreProbe() {
    }

    /** Milliseconds per empty claim and per {@code _id} lookup, by collection size. */
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
                    c.find(new Document("_id", ids.get(i * (ids.size() / rounds)))).first();
                }
                double byId = (System.nanoTime() - t0) / 1e6 / rounds;
                out.put(size, Map.of("claimMs", Math.round(claim * 10) / 10.0, "findByIdMs", Math.round(byId * 100) / 100.0));
            }
            c.drop();
        }
        return out;
    }
}
