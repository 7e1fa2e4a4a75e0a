package org.skillpath.bench;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import org.bson.Document;

/**
 * What typical filters cost on the embedded store as a collection grows, on the store the run uses and on a stock
 * twin (mongo-java-server's own index use) in the same process: the stock store ignores every non-unique index and
 * uses the {@code _id} index only for a filter on {@code _id} alone, so the relay's scan claim, its claim of a woken
 * document by {@code _id}, a versioned save ({@code _id} and {@code version}) and a lookup through a non-unique
 * index read the whole collection. Embedded-infra's indexed store serves them all from an index.
 */
final class StoreProbe {

    private StoreProbe() {
    }

    /** Milliseconds per operation by collection size: the claims find nothing, the lookups one document. */
    static Map<Integer, Map<String, Double>> measure(String mongoUri, List<Integer> sizes) {
        Map<Integer, Map<String, Double>> out = new LinkedHashMap<>();
        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoCollection<Document> c = client.getDatabase("bench-probe").getCollection("aggregates");
            c.createIndex(Indexes.ascending("outboxPending", "outboxLeaseUntil"), new IndexOptions().name("outbox_relay"));
            c.createIndex(Indexes.ascending("orgId", "personId"), new IndexOptions().name("org_person"));
            List<String> ids = new ArrayList<>();
            String filler = "x".repeat(1500); // about the size of a stored plan
            for (int size : sizes) {
                List<Document> batch = new ArrayList<>();
                while (ids.size() < size) {
                    String id = UUID.randomUUID().toString();
                    ids.add(id);
                    batch.add(new Document("_id", id).append("orgId", "probe").append("personId", id).append("body", filler)
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
                Map<String, Double> row = new LinkedHashMap<>();
                row.put("claimMs", time(rounds, i -> c.findOneAndUpdate(new Document("outboxPending", true)
                                .append("outboxLeaseUntil", new Document("$lt", new Date())),
                        new Document("$set", new Document("outboxLeaseUntil", new Date())),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))));
                // The relay's claim of a woken document, here one that is not pending: finds nothing.
                row.put("claimByIdMs", time(rounds, i -> c.findOneAndUpdate(new Document("_id", pick(ids, i, rounds))
                                .append("outboxPending", true).append("outboxLeaseUntil", new Document("$lt", new Date())),
                        new Document("$set", new Document("outboxLeaseUntil", new Date())),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))));
                row.put("versionedSaveMs", time(rounds, i -> {
                    String id = pick(ids, i, rounds);
                    Document current = c.find(new Document("_id", id)).first();
                    c.updateOne(new Document("_id", id).append("version", current.getLong("version")),
                            new Document("$inc", new Document("version", 1L)));
                }));
                row.put("findByOrgAndPersonMs", time(rounds, i ->
                        c.find(new Document("orgId", "probe").append("personId", pick(ids, i, rounds))).first()));
                row.put("findByIdMs", time(rounds, i -> c.find(new Document("_id", pick(ids, i, rounds))).first()));
                out.put(size, row);
            }
            c.drop();
        }
        return out;
    }

    private static String pick(List<String> ids, int i, int rounds) {
        return ids.get(i * (ids.size() / rounds));
    }

    private static double time(int rounds, IntConsumer operation) {
        long t0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            operation.accept(i);
        }
        return Math.round((System.nanoTime() - t0) / 1e6 / rounds * 100) / 100.0;
    }
}
