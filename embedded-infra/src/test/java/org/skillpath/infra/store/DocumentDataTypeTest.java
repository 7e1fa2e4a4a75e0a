package org.skillpath.infra.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.UuidRepresentation;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skillpath.infra.EmbeddedMongo;

/**
 * The H2 data maps' BSON value type gives back every value the store holds exactly, reads the Java-serialized
 * documents of a file written before and upgrades them as they are written again.
 */
class DocumentDataTypeTest {

    private static final String DB = "typed";
    private static final byte JAVA_SERIALIZED = 19; // ObjectDataType.TYPE_SERIALIZED_OBJECT
    private static final JsonWriterSettings EXACT_JSON = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    @Test
    void roundTripsEveryValueTypeExactlyThroughAnH2File(@TempDir Path dir) {
        String file = dir.resolve("types.mv").toString();
        Document everything = everyType();
        Document small = new Document("_id", 2).append("empty", new Document()).append("none", List.of());
        try (MVStore store = MVStore.open(file)) {
            MVMap<Object, Document> map = store.openMap("data", new MVMap.Builder<Object, Document>().valueType(new DocumentDataType()));
            map.put(1, everything);
            map.put(2, small);
        }
        Map<Object, Byte> firstBytes = new HashMap<>();
        try (MVStore store = MVStore.open(file)) {
            MVMap<Object, Document> map = store.openMap("data", new MVMap.Builder<Object, Document>().valueType(new FirstBytes(firstBytes)));
            assertExactly(map.get(1), everything, "everything");
            assertExactly(map.get(2), small, "small");
        }
        assertThat(firstBytes.values()).hasSize(2).containsOnly(DocumentDataType.BSON_TAG);
    }

    @Test
    void javaSerializesADocumentTheCodecWouldNotGiveBackExactly(@TempDir Path dir) {
        Map<String, Object> plainMap = new LinkedHashMap<>();
        plainMap.put("b", 1);
        plainMap.put("a", 2);
        List<Object> inexact = List.of(
                Instant.ofEpochSecond(1_700_000_000L, 123_456), // $currentDate: microseconds
                new Date(1_700_000_000_000L),
                new LinkedHashSet<>(List.of("x", "y")),
                1.5f,
                (short) 3,
                new BigDecimal("1.25"),
                plainMap,
                "lone \uD800 surrogate",
                new Document("nested", List.of(new Document("deep", Instant.ofEpochSecond(0, 1)))));
        String file = dir.resolve("fallback.mv").toString();
        try (MVStore store = MVStore.open(file)) {
            MVMap<Object, Document> map = store.openMap("data", new MVMap.Builder<Object, Document>().valueType(new DocumentDataType()));
            for (int i = 0; i < inexact.size(); i++) {
                map.put(i, new Document("_id", i).append("before", "x").append("value", inexact.get(i)).append("after", 1L));
            }
            Document nulKey = new Document("_id", "nul");
            nulKey.put("a\0b", 1);
            map.put("nul", nulKey);
        }
        Map<Object, Byte> firstBytes = new HashMap<>();
        try (MVStore store = MVStore.open(file)) {
            MVMap<Object, Document> map = store.openMap("data", new MVMap.Builder<Object, Document>().valueType(new FirstBytes(firstBytes)));
            for (int i = 0; i < inexact.size(); i++) {
                Document read = map.get(i);
                assertThat(read).as("%s", inexact.get(i)).isEqualTo(
                        new Document("_id", i).append("before", "x").append("value", inexact.get(i)).append("after", 1L));
                assertThat(read.get("value")).isExactlyInstanceOf(inexact.get(i).getClass());
            }
            assertThat(map.get("nul").keySet()).containsExactly("_id", "a\0b");
        }
        assertThat(firstBytes).hasSize(inexact.size() + 1).allSatisfy((id, first) -> assertThat(first).isEqualTo(JAVA_SERIALIZED));
    }

    @Test
    void javaSerializesADocumentLargerThanTheCodecReads() {
        char[] chars = new char[16 * 1024 * 1024];
        Arrays.fill(chars, 'x');
        Document huge = new Document("_id", 1).append("text", new String(chars));
        DocumentDataType type = new DocumentDataType();
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, huge);
        ByteBuffer written = buffer.getBuffer().flip();
        assertThat(written.get(0)).isEqualTo(JAVA_SERIALIZED);
        assertThat(type.read(written)).isEqualTo(huge);
        assertThat(written.hasRemaining()).isFalse();
    }

    @Test
    void aStockReaderRefusesABsonValueInsteadOfMisreadingIt() {
        WriteBuffer buffer = new WriteBuffer();
        new DocumentDataType().write(buffer, new Document("_id", 1).append("a", "b"));
        ByteBuffer written = buffer.getBuffer().flip();
        assertThat(written.get(0)).isEqualTo(DocumentDataType.BSON_TAG);
        assertThatThrownBy(() -> new ObjectDataType().read(written)).isInstanceOf(MVStoreException.class);
    }

    @Test
    void readsValuesOneAfterAnotherFromAPageBuffer() {
        DocumentDataType type = new DocumentDataType();
        Document[] values = {everyType(), new Document("_id", "java").append("at", new Date(5)), new Document("_id", 3)};
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, values, values.length);
        ByteBuffer written = buffer.getBuffer().flip();
        Document[] read = type.createStorage(values.length);
        type.read(written, read, values.length);
        assertThat(written.hasRemaining()).isFalse();
        for (int i = 0; i < values.length; i++) {
            assertExactly(read[i], values[i], "value " + i);
        }
    }

    /**
     * mongo-java-server changes a stored document in place, then puts it again, while H2's serialization thread may
     * be writing its page (seen in the pipeline benchmark: the store closed itself on a ConcurrentModificationException).
     * Every commit must still succeed, and the file must hold the document as it was last put.
     */
    @Test
    void writesADocumentThatIsChangedInPlaceWhileItsPageIsWritten(@TempDir Path dir) throws Exception {
        String file = dir.resolve("raced.mv").toString();
        Document last;
        try (MVStore store = new MVStore.Builder().fileName(file).autoCommitDisabled().open()) {
            MVMap<Object, Document> map = store.openMap("databases.db.c",
                    new MVMap.Builder<Object, Document>().valueType(new DocumentDataType()));
            for (int k = 0; k < 20; k++) {
                map.put("k" + k, new Document("_id", "k" + k).append("steps", new ArrayList<>()));
            }
            store.commit();
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicInteger commits = new java.util.concurrent.atomic.AtomicInteger();
            Thread committer = new Thread(() -> {
                while (!done.get()) {
                    store.commit();
                    commits.incrementAndGet();
                }
            });
            committer.start();
            try {
                for (int i = 0; i < 60_000; i++) {
                    String key = "k" + (i % 20);
                    Document doc = map.get(key);
                    doc.put("field" + (i % 37), i);
                    doc.remove("field" + ((i + 11) % 37));
                    @SuppressWarnings("unchecked")
                    List<Object> steps = (List<Object>) doc.get("steps");
                    steps.add(new Document("n", i));
                    if (steps.size() > 8) {
                        steps.remove(0);
                    }
                    map.put(key, doc);
                }
            } finally {
                done.set(true);
                committer.join();
            }
            assertThat(store.isClosed()).isFalse();
            assertThat(commits.get()).isPositive();
            store.commit();
            last = map.get("k19").cloneDeeply();
        }
        try (MVStore reopened = new MVStore.Builder().fileName(file).readOnly().open()) {
            Document read = reopened.openMap("databases.db.c",
                    new MVMap.Builder<Object, Document>().valueType(new DocumentDataType())).get("k19");
            assertThat(read).isEqualTo(last);
        }
    }

    /** As the stock type's estimate, so H2 splits pages and fills its cache about as it did. */
    @Test
    void estimatesADocumentsMemoryAtAboutThreeTimesItsBsonSize() {
        DocumentDataType type = new DocumentDataType();
        Document doc = everyType();
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, doc);
        int encoded = buffer.position();
        assertThat(type.getMemory(doc)).isBetween(encoded * 2, encoded * 4);
    }

    /** A file of the stock backend opens with the indexed one, which reads it all and rewrites what changes. */
    @Test
    void upgradesAFileWrittenByTheStockBackendDocumentByDocument(@TempDir Path dir) {
        String file = dir.resolve("stock.mv").toString();
        MongoBackend stock = new H2Backend(file);
        Map<String, String> written;
        try (Served served = new Served(stock)) {
            MongoCollection<BsonDocument> c = served.collection("docs");
            c.createIndex(Indexes.ascending("orgId", "personId"), new IndexOptions().name("org_person"));
            c.createIndex(Indexes.ascending("userName"), new IndexOptions().name("username").unique(true).sparse(true));
            for (int i = 0; i < 40; i++) {
                c.insertOne(wireDocument(i));
            }
            served.collection("other").insertOne(new BsonDocument("_id", new BsonString("o")).append("n", new BsonInt32(1)));
            written = json(c);
        }
        assertThat(firstBytes(file, "docs").values()).hasSize(40).containsOnly(JAVA_SERIALIZED);

        MongoBackend upgraded = IndexedBackends.h2File(file);
        try (Served served = new Served(upgraded)) {
            assertDataMapsAreBson(((H2Backend) upgraded).getMvStore());
            MongoCollection<BsonDocument> c = served.collection("docs");
            assertThat(json(c)).isEqualTo(written);
            assertThat(c.countDocuments(Filters.and(Filters.eq("orgId", "org1"), Filters.eq("personId", "p1")))).isPositive();
            c.updateOne(Filters.eq("_id", "d7"), Updates.combine(Updates.set("status", "DONE"), Updates.inc("version", 1L)));
            written.put("d7", c.find(Filters.eq("_id", "d7")).first().toJson(EXACT_JSON));
            assertThat(written.get("d7")).contains("\"DONE\"");
        }
        Map<Object, Byte> firstBytes = firstBytes(file, "docs");
        assertThat(firstBytes).hasSize(40).containsEntry("d7", DocumentDataType.BSON_TAG);
        assertThat(firstBytes.values()).filteredOn(first -> first == JAVA_SERIALIZED).hasSize(39);

        MongoBackend again = IndexedBackends.h2File(file);
        try (Served served = new Served(again)) {
            assertThat(json(served.collection("docs"))).isEqualTo(written);
            assertThat(served.collection("other").find().first())
                    .isEqualTo(new BsonDocument("_id", new BsonString("o")).append("n", new BsonInt32(1)));
        }
    }

    @Test
    void keepsDocumentsAcrossARestartThroughTheWire(@TempDir Path dir) {
        Path file = dir.resolve("mongo").resolve("store.mv");
        Map<String, String> expected;
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(file, 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<BsonDocument> c = client.getDatabase(DB).getCollection("docs", BsonDocument.class);
            for (int i = 0; i < 10; i++) {
                c.insertOne(wireDocument(i));
            }
            c.updateOne(Filters.eq("_id", "d3"), Updates.combine(Updates.set("status", "DONE"),
                    Updates.push("tags", "late"), Updates.set("steps.0.done", true)));
            c.deleteOne(Filters.eq("_id", "d4"));
            BsonDocument d3 = c.find(Filters.eq("_id", "d3")).first();
            assertThat(d3.getString("status").getValue()).isEqualTo("DONE");
            assertThat(d3.getArray("steps").get(0).asDocument().getBoolean("done").getValue()).isTrue();
            expected = json(c);
            assertThat(expected).hasSize(9);
        }
        assertThat(firstBytes(file.toString(), "docs").values()).hasSize(9).containsOnly(DocumentDataType.BSON_TAG);
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(file, 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<BsonDocument> c = client.getDatabase(DB).getCollection("docs", BsonDocument.class);
            assertThat(json(c)).isEqualTo(expected);
            assertThat(c.find(Filters.eq("_id", "d4")).first()).isNull();
        }
    }

    @Test
    void storesDocumentsAsTheStockBackendDoesWhenAskedTo(@TempDir Path dir) {
        String file = dir.resolve("java.mv").toString();
        MongoBackend backend = IndexedBackends.h2File(file, true);
        Map<String, String> written;
        try (Served served = new Served(backend)) {
            MongoCollection<BsonDocument> c = served.collection("docs");
            for (int i = 0; i < 5; i++) {
                c.insertOne(wireDocument(i));
            }
            written = json(c);
            MVStore store = ((H2Backend) backend).getMvStore();
            assertThat(store.getMapNames()).allSatisfy(name ->
                    assertThat(store.openMap(name).getValueType()).as(name).isExactlyInstanceOf(ObjectDataType.class));
        }
        assertThat(firstBytes(file, "docs").values()).hasSize(5).containsOnly(JAVA_SERIALIZED);
        try (Served served = new Served(new H2Backend(file))) {
            assertThat(json(served.collection("docs"))).isEqualTo(written);
        }
    }

    @Test
    void embeddedMongoJavaSerializesWithItsSystemProperty(@TempDir Path dir) {
        Path file = dir.resolve("property.mv");
        System.setProperty("skillpath.embedded-mongo.java-serialization", "true");
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(file, 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            client.getDatabase(DB).getCollection("docs", BsonDocument.class).insertOne(wireDocument(1));
        } finally {
            System.clearProperty("skillpath.embedded-mongo.java-serialization");
        }
        assertThat(firstBytes(file.toString(), "docs").values()).containsExactly(JAVA_SERIALIZED);
    }

    @Test
    void givesEveryCollectionsDataMapTheBsonTypeAndLeavesIndexAndMetaMapsAlone(@TempDir Path dir) {
        String file = dir.resolve("maps.mv").toString();
        MongoBackend backend = IndexedBackends.h2File(file);
        try (Served served = new Served(backend)) {
            served.collection("a").insertOne(wireDocument(1));
            served.collection("b.dotted").createIndex(Indexes.ascending("userName"), new IndexOptions().unique(true));
            served.client.getDatabase("second").getCollection("c").insertOne(new org.bson.Document("_id", 1));
            served.collection("a").insertOne(wireDocument(2));
            assertDataMapsAreBson(((H2Backend) backend).getMvStore());
        }
        MongoBackend reopened = IndexedBackends.h2File(file);
        try (Served served = new Served(reopened)) {
            assertThat(served.collection("a").countDocuments()).isEqualTo(2);
            served.collection("b.dotted").insertOne(wireDocument(3));
            assertDataMapsAreBson(((H2Backend) reopened).getMvStore());
        }
    }

    private static void assertDataMapsAreBson(MVStore store) {
        List<String> dataMaps = store.getMapNames().stream().filter(name -> name.startsWith("databases.")).toList();
        assertThat(dataMaps).isNotEmpty();
        assertThat(store.getMapNames()).allSatisfy(name -> assertThat(store.openMap(name).getValueType()).as(name)
                .isExactlyInstanceOf(dataMaps.contains(name) ? DocumentDataType.class : ObjectDataType.class));
    }

    /** Every type mongo-java-server's codec knows, as the store holds them. */
    private static Document everyType() {
        Document nested = new Document("z", 1).append("a", new Document("y", List.of(1, "two", new Document("k", 3L))))
                .append("m", List.of(List.of(), List.of(List.of(true))));
        return new Document("_id", new ObjectId())
                .append("zeta", "first key, though last in order")
                .append("string", "plain")
                .append("unicode", "Grüße, 日本, \uD83D\uDE00")
                .append("emptyString", "")
                .append("int", 42)
                .append("intMin", Integer.MIN_VALUE)
                .append("long", 42L)
                .append("longMax", Long.MAX_VALUE)
                .append("double", 4.2)
                .append("negativeZero", -0.0)
                .append("nan", Double.NaN)
                .append("infinity", Double.NEGATIVE_INFINITY)
                .append("true", true)
                .append("false", false)
                .append("null", null)
                .append("objectId", new ObjectId("65f1c2d3e4f5a6b7c8d9e0f1"))
                .append("date", Instant.ofEpochMilli(1_700_000_000_123L))
                .append("dateBefore1970", Instant.ofEpochMilli(-86_400_001L))
                .append("decimal", new Decimal128(new BigDecimal("1234.5678")))
                .append("decimalNaN", Decimal128.NaN)
                .append("decimalNegativeZero", Decimal128.NEGATIVE_ZERO)
                .append("binary", new BinData(new byte[] {0, 1, 2, (byte) 0xff}))
                .append("emptyBinary", new BinData(new byte[0]))
                .append("uuid", UUID.fromString("3b241101-e2bb-4255-8caf-4136c566a962"))
                .append("legacyUuid", new LegacyUUID(UUID.fromString("3b241101-e2bb-4255-8caf-4136c566a963")))
                .append("timestamp", new BsonTimestamp(Instant.ofEpochSecond(1_700_000_000L), 7))
                .append("minKey", MinKey.getInstance())
                .append("maxKey", MaxKey.getInstance())
                .append("regex", new BsonRegularExpression("^a.*b$", "im"))
                .append("javaScript", new BsonJavaScript("function () { return 1; }"))
                .append("nested", nested)
                .append("list", List.of(1, 2L, 3.0, "four", Instant.ofEpochMilli(5), new ObjectId("65f1c2d3e4f5a6b7c8d9e0f2")))
                .append("a", "last key, though first in the alphabet");
    }

    /** A document of the shape the services store, with every type the driver sends. */
    private static BsonDocument wireDocument(int i) {
        BsonArray steps = new BsonArray();
        for (int s = 0; s < 3; s++) {
            steps.add(new BsonDocument("stepId", new BsonString("s" + s)).append("done", BsonBoolean.FALSE)
                    .append("dueAt", new BsonDateTime(1_700_000_000_000L + s * 86_400_000L)).append("minutes", new BsonInt32(30 * s)));
        }
        return new BsonDocument("_id", new BsonString("d" + i))
                .append("orgId", new BsonString("org" + i % 3))
                .append("personId", new BsonString("p" + i % 4))
                .append("version", new BsonInt64(i))
                .append("score", new BsonDouble(i / 3.0))
                .append("amount", new BsonDecimal128(new org.bson.types.Decimal128(new BigDecimal(i + ".25"))))
                .append("ref", new BsonObjectId(new org.bson.types.ObjectId(String.format("65f1c2d3e4f5a6b7c8d9%04x", i))))
                .append("createdAt", new BsonDateTime(1_700_000_000_000L + i))
                .append("status", i % 5 == 0 ? BsonNull.VALUE : new BsonString("OPEN"))
                .append("tags", new BsonArray(List.of(new BsonString("t" + i % 2), new BsonInt32(i))))
                .append("blob", new BsonBinary(new byte[] {1, 2, (byte) i}))
                .append("uuid", new BsonBinary(UUID.nameUUIDFromBytes(new byte[] {(byte) i}), UuidRepresentation.STANDARD))
                .append("legacyUuid", new BsonBinary(BsonBinarySubType.UUID_LEGACY, new byte[16]))
                .append("ts", new org.bson.BsonTimestamp(1_700_000_000, i))
                .append("low", new BsonMinKey())
                .append("high", new BsonMaxKey())
                .append("pattern", new org.bson.BsonRegularExpression("^p" + i, "i"))
                .append("code", new org.bson.BsonJavaScript("function () { return " + i + "; }"))
                .append("steps", steps);
    }

    /** The collection's documents in exact extended JSON (types and key order), by _id. */
    private static Map<String, String> json(MongoCollection<BsonDocument> c) {
        Map<String, String> json = new LinkedHashMap<>();
        c.find().sort(Sorts.ascending("_id")).forEach(doc -> json.put(doc.getString("_id").getValue(), doc.toJson(EXACT_JSON)));
        return json;
    }

    /** The first byte of each stored value of the collection, by _id, read straight from the closed file. */
    private static Map<Object, Byte> firstBytes(String file, String collection) {
        Map<Object, Byte> firstBytes = new HashMap<>();
        try (MVStore store = MVStore.open(file)) {
            MVMap<Object, Document> map = store.openMap("databases." + DB + "." + collection,
                    new MVMap.Builder<Object, Document>().valueType(new FirstBytes(firstBytes)));
            map.values().forEach(doc -> assertThat(doc).isNotNull());
        }
        return firstBytes;
    }

    /** Records how each value it reads starts. */
    private static final class FirstBytes extends BasicDataType<Document> {
        private final DocumentDataType type = new DocumentDataType();
        private final Map<Object, Byte> firstBytes;

        FirstBytes(Map<Object, Byte> firstBytes) {
            this.firstBytes = firstBytes;
        }

        @Override
        public int getMemory(Document document) {
            return type.getMemory(document);
        }

        @Override
        public void write(WriteBuffer buff, Document document) {
            type.write(buff, document);
        }

        @Override
        public Document read(ByteBuffer buff) {
            byte first = buff.get(buff.position());
            Document document = type.read(buff);
            firstBytes.put(document.get("_id"), first);
            return document;
        }

        @Override
        public Document[] createStorage(int size) {
            return new Document[size];
        }
    }

    /** Equal, of the same class at every level, and with the same key order. */
    private static void assertExactly(Object actual, Object expected, String path) {
        if (expected == null) {
            assertThat(actual).as(path).isNull();
        } else if (expected instanceof Document document) {
            assertThat(actual).as(path).isExactlyInstanceOf(Document.class);
            Document read = (Document) actual;
            assertThat(new ArrayList<>(read.keySet())).as(path + " keys").containsExactlyElementsOf(document.keySet());
            document.forEach((key, value) -> assertExactly(read.get(key), value, path + "." + key));
        } else if (expected instanceof List<?> list) {
            assertThat(actual).as(path).isInstanceOf(List.class);
            List<?> read = (List<?>) actual;
            assertThat(read).as(path).hasSameSizeAs(list);
            for (int i = 0; i < list.size(); i++) {
                assertExactly(read.get(i), list.get(i), path + "[" + i + "]");
            }
        } else if (expected instanceof BsonRegularExpression regex) {
            // No equals: compared by its parts.
            assertThat(actual).as(path).isExactlyInstanceOf(BsonRegularExpression.class);
            assertThat(((BsonRegularExpression) actual).getPattern()).as(path).isEqualTo(regex.getPattern());
            assertThat(((BsonRegularExpression) actual).getOptions()).as(path).isEqualTo(regex.getOptions());
        } else {
            // MinKey and MaxKey have no equals either: the codec gives back their single instances.
            assertThat(actual).as(path).isExactlyInstanceOf(expected.getClass()).isEqualTo(expected);
        }
    }

    /** A server on the backend and a client of it; closing it closes the backend too. */
    private static final class Served implements AutoCloseable {
        private final MongoServer server;
        private final MongoClient client;

        Served(MongoBackend backend) {
            server = new MongoServer(backend);
            server.bind("127.0.0.1", 0);
            client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        }

        MongoCollection<BsonDocument> collection(String name) {
            return client.getDatabase(DB).getCollection(name, BsonDocument.class);
        }

        @Override
        public void close() {
            client.close();
            server.shutdownNow();
        }
    }
}
