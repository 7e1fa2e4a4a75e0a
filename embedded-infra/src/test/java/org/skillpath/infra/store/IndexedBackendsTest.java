package org.skillpath.infra.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.oplog.NoopOplog;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexed backends answer exactly what the stock backend answers (random documents, mutations and filters,
 * replayed on both), and they answer the filters the services use from an index instead of a scan.
 */
class IndexedBackendsTest {

    private static final String DB = "indexed";
    private final List<MongoServer> servers = new ArrayList<>();
    private final List<MongoClient> clients = new ArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(MongoClient::close);
        servers.forEach(MongoServer::shutdownNow);
    }

    private MongoClient client(MongoBackend backend) {
        MongoServer server = new MongoServer(backend);
        servers.add(server);
        server.bind("127.0.0.1", 0);
        MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        clients.add(client);
        return client;
    }

    private MongoCollection<Document> collection(MongoBackend backend) {
        MongoCollection<Document> c = client(backend).getDatabase(DB).getCollection("docs");
        c.createIndex(Indexes.compoundIndex(Indexes.ascending("orgId", "personId"), Indexes.descending("createdAt")),
                new IndexOptions().name("org_person_created"));
        c.createIndex(Indexes.ascending("outboxPending", "outboxLeaseUntil"), new IndexOptions().name("outbox_relay"));
        c.createIndex(Indexes.ascending("orgId", "steps.mentorId", "status"), new IndexOptions().name("org_mentor_status"));
        c.createIndex(Indexes.ascending("status", "nextAttemptAt"), new IndexOptions().name("due"));
        c.createIndex(Indexes.ascending("orgId", "tags"), new IndexOptions().name("org_tags"));
        c.createIndex(Indexes.ascending("userName"), new IndexOptions().name("username").unique(true).sparse(true));
        return c;
    }

    @Test
    void answersEveryFilterAndMutationAsTheStockBackendDoes() {
        // Each indexed backend against its stock twin (their natural orders differ).
        List<MongoCollection<Document>> stocks = List.of(collection(new MemoryBackend()), collection(H2Backend.inMemory()));
        List<MongoCollection<Document>> indexed = List.of(collection(IndexedBackends.memory()), collection(IndexedBackends.h2File(null)));
        Random random = new Random(20261122);
        for (int step = 0; step < 3_000; step++) {
            int op = random.nextInt(10);
            Bson filter = random.nextBoolean() ? filter(random) : flat(filter(random));
            Function<MongoCollection<Document>, Object> action;
            if (op < 3) {
                Document doc = document(random, "d" + random.nextInt(120));
                action = c -> {
                    try {
                        c.insertOne(new Document(doc));
                        return "inserted";
                    } catch (com.mongodb.MongoWriteException e) {
                        return e.getError().getCode();
                    }
                };
            } else if (op < 5) {
                Bson update = update(random);
                action = c -> {
                    try {
                        var r = c.updateMany(filter, update);
                        return List.of(r.getMatchedCount(), r.getModifiedCount());
                    } catch (com.mongodb.MongoWriteException e) {
                        return e.getError().getCode();
                    }
                };
            } else if (op < 6) {
                action = c -> c.deleteMany(filter).getDeletedCount();
            } else if (op < 7) {
                Bson update = update(random);
                action = c -> {
                    try {
                        // Sorted: which match an unsorted findOneAndUpdate takes is unspecified, on MongoDB too.
                        return String.valueOf(c.findOneAndUpdate(filter, update,
                                new FindOneAndUpdateOptions().sort(Sorts.ascending("_id"))));
                    } catch (com.mongodb.MongoCommandException e) {
                        return e.getErrorCode();
                    }
                };
            } else if (op < 8) {
                action = c -> c.find(filter).sort(Sorts.ascending("_id")).into(new ArrayList<>());
            } else if (op < 9) {
                action = c -> c.countDocuments(filter);
            } else {
                // $match first, then a join and a projection: as notification-service reads a recipient.
                action = c -> c.aggregate(List.of(Aggregates.match(filter),
                        Aggregates.lookup("docs", "personId", "personId", "samePerson"),
                        // A count, not the ids: the joined documents' order is unspecified.
                        Aggregates.project(new Document("samePerson", new Document("$size", "$samePerson"))),
                        Aggregates.sort(Sorts.ascending("_id")))).into(new ArrayList<>());
            }
            for (int i = 0; i < stocks.size(); i++) {
                Object expected = action.apply(stocks.get(i));
                assertThat(action.apply(indexed.get(i))).as("step %d, backend %d: %s", step, i, filter).isEqualTo(expected);
            }
        }
        for (int i = 0; i < stocks.size(); i++) {
            List<Document> all = stocks.get(i).find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
            assertThat(all).hasSizeGreaterThan(20);
            assertThat(indexed.get(i).find().sort(Sorts.ascending("_id")).into(new ArrayList<>())).isEqualTo(all);
        }
    }

    @Test
    void servesTheServicesFiltersFromAnIndex() {
        MongoBackend backend = IndexedBackends.memory();
        collection(backend).insertOne(document(new Random(1), "x"));
        var docs = ((AbstractMongoBackend) backend).resolveDatabase(DB).resolveCollection("docs", true);
        Date now = new Date();
        for (var filter : List.of(
                new de.bwaldvogel.mongo.bson.Document("_id", "x").append("version", 3L),
                new de.bwaldvogel.mongo.bson.Document("_id", "x").append("orgId", "a"),
                new de.bwaldvogel.mongo.bson.Document("_id", "x").append("outboxPending", true)
                        .append("outboxLeaseUntil", new de.bwaldvogel.mongo.bson.Document("$lt", now)),
                new de.bwaldvogel.mongo.bson.Document("outboxPending", true)
                        .append("outboxLeaseUntil", new de.bwaldvogel.mongo.bson.Document("$lt", now)),
                new de.bwaldvogel.mongo.bson.Document("orgId", "a").append("personId", "p1"),
                new de.bwaldvogel.mongo.bson.Document("orgId", "a").append("steps.mentorId", "m1"),
                new de.bwaldvogel.mongo.bson.Document("status", new de.bwaldvogel.mongo.bson.Document("$in", List.of("X", "Y")))
                        .append("nextAttemptAt", new de.bwaldvogel.mongo.bson.Document("$lte", now)))) {
            assertThat(docs.getIndexes()).as("%s", filter).anyMatch(index -> index.canHandle(filter));
        }
        var range = new de.bwaldvogel.mongo.bson.Document("createdAt", new de.bwaldvogel.mongo.bson.Document("$gt", now));
        assertThat(docs.getIndexes()).noneMatch(index -> index.canHandle(range));
    }

    @Test
    void readsAnAggregationsFirstMatchThroughTheIndexes() {
        MongoBackend backend = IndexedBackends.memory();
        collection(backend).insertOne(new Document("_id", "x").append("orgId", "a"));
        var db = ((AbstractMongoBackend) backend).resolveDatabase(DB);
        var matchFirst = new de.bwaldvogel.mongo.bson.Document("aggregate", "docs").append("pipeline", List.of(
                new de.bwaldvogel.mongo.bson.Document("$match", new de.bwaldvogel.mongo.bson.Document("orgId", "a")),
                new de.bwaldvogel.mongo.bson.Document("$count", "n"))).append("cursor", new de.bwaldvogel.mongo.bson.Document());
        var answer = IndexedAggregation.run(db, DB, matchFirst, null, NoopOplog.get());
        assertThat(answer).isNotNull();
        assertThat(((de.bwaldvogel.mongo.bson.Document) answer.get("cursor")).get("firstBatch"))
                .isEqualTo(List.of(new de.bwaldvogel.mongo.bson.Document("n", 1)));
        var groupFirst = new de.bwaldvogel.mongo.bson.Document("aggregate", "docs").append("pipeline", List.of(
                new de.bwaldvogel.mongo.bson.Document("$count", "n"))).append("cursor", new de.bwaldvogel.mongo.bson.Document());
        assertThat(IndexedAggregation.run(db, DB, groupFirst, null, NoopOplog.get())).as("left to the stock path").isNull();
    }

    @Test
    void findsDocumentsByEveryArrayElementMissingFieldAndNumberType() {
        MongoCollection<Document> c = collection(IndexedBackends.memory());
        c.insertOne(new Document("_id", "arrays").append("orgId", "a").append("tags", List.of("t2", "t0", 1))
                .append("steps", List.of(new Document("mentorId", "m1"), new Document("mentorId", "m2"))));
        c.insertOne(new Document("_id", "empty").append("orgId", "a").append("tags", List.of()).append("steps", List.of()));
        c.insertOne(new Document("_id", "missing").append("orgId", "b").append("count", 2));
        assertThat(ids(c, Filters.and(Filters.eq("orgId", "a"), Filters.eq("tags", "t0")))).containsExactly("arrays");
        assertThat(ids(c, flat(Filters.and(Filters.eq("orgId", "a"), Filters.eq("tags", "t0"))))).containsExactly("arrays");
        assertThat(ids(c, Filters.and(Filters.eq("orgId", "a"), Filters.eq("tags", 1.0)))).containsExactly("arrays");
        assertThat(ids(c, Filters.and(Filters.eq("orgId", "a"), Filters.in("tags", "t9", "t2")))).containsExactly("arrays");
        assertThat(ids(c, Filters.and(Filters.eq("orgId", "a"), Filters.eq("steps.mentorId", "m2")))).containsExactly("arrays");
        assertThat(ids(c, Filters.and(Filters.eq("orgId", "a"), Filters.size("tags", 0)))).containsExactly("empty");
        assertThat(ids(c, Filters.and(Filters.eq("orgId", "b"), Filters.eq("personId", null)))).containsExactly("missing");
        assertThat(ids(c, Filters.and(Filters.eq("orgId", "b"), Filters.eq("count", 2.0)))).containsExactly("missing");
        c.updateOne(Filters.eq("_id", "arrays"), Updates.pull("tags", "t0"));
        assertThat(ids(c, Filters.and(Filters.eq("orgId", "a"), Filters.eq("tags", "t0")))).isEmpty();
        c.updateOne(Filters.eq("_id", "missing"), Updates.set("orgId", "a"));
        assertThat(ids(c, Filters.eq("orgId", "b"))).isEmpty();
        assertThat(ids(c, Filters.eq("orgId", "a"))).containsExactlyInAnyOrder("arrays", "empty", "missing");
        c.deleteOne(Filters.and(Filters.eq("_id", "arrays"), Filters.eq("orgId", "a")));
        assertThat(ids(c, Filters.and(Filters.eq("orgId", "a"), Filters.eq("steps.mentorId", "m1")))).isEmpty();
    }

    @Test
    void findsADocumentWithAnEmptyArrayByTheIndexPrefix() {
        // The only index, so it serves {orgId} alone: a document it did not file would be missed.
        MongoCollection<Document> c = client(IndexedBackends.memory()).getDatabase(DB).getCollection("tagged");
        c.createIndex(Indexes.ascending("orgId", "tags"), new IndexOptions().name("org_tags"));
        c.insertOne(new Document("_id", "empty").append("orgId", "a").append("tags", List.of()));
        c.insertOne(new Document("_id", "nested").append("orgId", "a").append("tags", List.of(List.of("t1"))));
        assertThat(ids(c, Filters.eq("orgId", "a"))).containsExactlyInAnyOrder("empty", "nested");
    }

    private static List<Object> ids(MongoCollection<Document> c, Bson filter) {
        return c.find(filter).map(d -> d.get("_id")).into(new ArrayList<>());
    }

    @Test
    void rebuildsItsNonUniqueIndexesWhenAnH2FileOpensAgain(@TempDir Path dir) {
        String file = dir.resolve("store.mv").toString();
        MongoBackend first = IndexedBackends.h2File(file);
        MongoCollection<Document> c = collection(first);
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            Document doc = document(random, "d" + i);
            doc.remove("userName");
            c.insertOne(doc);
        }
        List<Document> before = c.find(Filters.and(Filters.eq("orgId", "a"), Filters.eq("personId", "p1")))
                .sort(Sorts.ascending("_id")).into(new ArrayList<>());
        assertThat(before).isNotEmpty();
        close();
        servers.clear();
        clients.clear();
        first.close();

        MongoBackend reopened = IndexedBackends.h2File(file);
        MongoCollection<Document> again = collection(reopened);
        assertThat(again.find(Filters.and(Filters.eq("orgId", "a"), Filters.eq("personId", "p1")))
                .sort(Sorts.ascending("_id")).into(new ArrayList<>())).isEqualTo(before);
        var docs = ((AbstractMongoBackend) reopened).resolveDatabase(DB).resolveCollection("docs", true);
        assertThat(docs.getIndexes()).filteredOn(index -> index.getName().equals("org_person_created"))
                .singleElement().extracting(Index::getCount).isEqualTo(50L);
        reopened.close();
    }

    private static final String[] ORGS = {"a", "b", "c"};
    private static final String[] STATUSES = {"X", "Y", "Z"};

    private static Document document(Random random, String id) {
        Document doc = new Document("_id", id).append("version", (long) random.nextInt(3));
        maybe(random, doc, "orgId", pick(random, ORGS));
        maybe(random, doc, "personId", "p" + random.nextInt(4));
        maybe(random, doc, "createdAt", new Date(1_700_000_000_000L + random.nextInt(5) * 1000L));
        maybe(random, doc, "outboxPending", random.nextBoolean());
        maybe(random, doc, "outboxLeaseUntil", new Date(1_700_000_000_000L + random.nextInt(5) * 1000L));
        maybe(random, doc, "status", random.nextInt(8) == 0 ? null : pick(random, STATUSES));
        maybe(random, doc, "nextAttemptAt", new Date(1_700_000_000_000L + random.nextInt(5) * 1000L));
        maybe(random, doc, "tags", tags(random));
        maybe(random, doc, "count", random.nextBoolean() ? (Object) random.nextInt(3) : (Object) (double) random.nextInt(3));
        if (random.nextInt(3) > 0) {
            List<Document> steps = new ArrayList<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                Document step = new Document("stepId", "s" + i);
                maybe(random, step, "mentorId", "m" + random.nextInt(3));
                steps.add(step);
            }
            doc.append("steps", steps);
        }
        if (random.nextInt(4) == 0) {
            doc.append("userName", "u" + random.nextInt(40));
        }
        return doc;
    }

    private static List<Object> tags(Random random) {
        List<Object> tags = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            tags.add(random.nextInt(5) == 0 ? (Object) random.nextInt(2) : "t" + random.nextInt(4));
        }
        return tags;
    }

    private static void maybe(Random random, Document doc, String field, Object value) {
        if (random.nextInt(6) > 0) {
            doc.append(field, value);
        }
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static Bson filter(Random random) {
        Date at = new Date(1_700_000_000_000L + random.nextInt(5) * 1000L);
        String id = "d" + random.nextInt(120);
        return switch (random.nextInt(14)) {
            case 0 -> Filters.eq("_id", id);
            case 1 -> Filters.and(Filters.eq("_id", id), Filters.eq("orgId", pick(random, ORGS)));
            case 2 -> Filters.and(Filters.eq("_id", id), Filters.eq("version", (long) random.nextInt(3)));
            case 3 -> Filters.and(Filters.eq("_id", id), Filters.eq("outboxPending", true), Filters.lt("outboxLeaseUntil", at));
            case 4 -> Filters.eq("orgId", pick(random, ORGS));
            case 5 -> Filters.and(Filters.eq("orgId", pick(random, ORGS)), Filters.eq("personId", "p" + random.nextInt(4)));
            case 6 -> Filters.and(Filters.eq("orgId", pick(random, ORGS)), Filters.eq("personId", "p" + random.nextInt(4)),
                    Filters.gt("createdAt", at));
            case 7 -> Filters.and(Filters.eq("outboxPending", true), Filters.lt("outboxLeaseUntil", at));
            case 8 -> Filters.and(Filters.eq("orgId", pick(random, ORGS)), Filters.eq("steps.mentorId", "m" + random.nextInt(3)));
            case 9 -> Filters.and(Filters.in("status", pick(random, STATUSES), pick(random, STATUSES)), Filters.lte("nextAttemptAt", at));
            case 10 -> Filters.eq("tags", random.nextBoolean() ? (Object) ("t" + random.nextInt(4)) : (Object) 1.0);
            case 11 -> Filters.and(Filters.eq("orgId", pick(random, ORGS)), Filters.in("tags", "t0", "t1"));
            case 12 -> Filters.and(Filters.eq("orgId", pick(random, ORGS)), Filters.eq("status", null));
            default -> Filters.and(Filters.eq("count", random.nextBoolean() ? (Object) 1 : (Object) 1.0),
                    Filters.eq("orgId", pick(random, ORGS)));
        };
    }

    /** The same filter without {@code $and}, as Spring Data writes it. */
    private static Bson flat(Bson filter) {
        BsonDocument rendered = filter.toBsonDocument();
        if (!rendered.containsKey("$and")) {
            return rendered;
        }
        BsonDocument flat = new BsonDocument();
        rendered.getArray("$and").forEach(part -> flat.putAll(part.asDocument()));
        return flat;
    }

    private static Bson update(Random random) {
        Date at = new Date(1_700_000_000_000L + random.nextInt(5) * 1000L);
        return switch (random.nextInt(8)) {
            case 0 -> Updates.combine(Updates.set("outboxPending", false), Updates.inc("version", 1L));
            case 1 -> Updates.combine(Updates.set("outboxLeaseUntil", at), Updates.inc("version", 1L));
            case 2 -> Updates.set("status", pick(random, STATUSES));
            case 3 -> Updates.unset("orgId");
            case 4 -> Updates.push("tags", "t" + random.nextInt(4));
            case 5 -> Updates.set("personId", "p" + random.nextInt(4));
            // Not "steps.$[].mentorId": mongo-java-server's result for it depends on the order it visits matches.
            case 6 -> Updates.set("steps", List.of(new Document("stepId", "s1").append("mentorId", "m" + random.nextInt(3))));
            // Not the unique userName: a multi-update that breaks uniqueness midway leaves an order-dependent state.
            default -> Updates.set("nickname", "n" + random.nextInt(4));
        };
    }
}
