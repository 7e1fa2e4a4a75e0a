package org.skillpath.infra.store;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server backends that use their indexes the way MongoDB does, as far as equality goes: unique indexes
 * also serve filters with more fields ({@link NarrowingUniqueIndex}) and non-unique indexes exist
 * ({@link PrefixIndex}) instead of being ignored, and aggregations read their first {@code $match} through them
 * ({@link IndexedAggregation}). Without them every filter but exactly {@code _id} reads the whole
 * collection, so the local stack slowed down as its data grew and the store was a third of the pipeline's CPU in
 * the benchmark. The H2 backend also stores documents as BSON ({@link DocumentDataType}) instead of Java
 * serialization. An H2 file written before opens as it was: its Java-serialized documents are read as such and
 * written as BSON when they change, its non-unique indexes are rebuilt in memory on open. Once it holds BSON
 * documents, the stock backend and {@code javaSerialization} cannot read it: H2 refuses those values (an
 * exception, never a misread).
 */
public final class IndexedBackends {

    private IndexedBackends() {
    }

    public static MongoBackend memory() {
        return new IndexedMemoryBackend();
    }

    public static MongoBackend h2File(String fileName) {
        return h2File(fileName, false);
    }

    /** As {@link #h2File(String)}, with documents Java-serialized as the stock backend stores them if asked. */
    public static MongoBackend h2File(String fileName, boolean javaSerialization) {
        MVStore store = MVStore.open(fileName);
        return javaSerialization ? new JavaSerializingH2Backend(store) : new IndexedH2Backend(store);
    }

    private static final class IndexedMemoryBackend extends MemoryBackend {
        @Override
        public MemoryDatabase openOrCreateDatabase(String databaseName) {
            return new IndexedMemoryDatabase(databaseName, getCursorRegistry());
        }
    }

    /** Each collection's non-unique indexes by name. */
    private static final class PrefixIndexes<P> {
        private final Map<String, Map<String, PrefixIndex<P>>> byCollection = new ConcurrentHashMap<>();

        PrefixIndex<P> create(String collectionName, String indexName, List<IndexKey> keys) {
            return new PrefixIndex<>(indexName, keys,
                    byCollection.computeIfAbsent(collectionName, c -> new ConcurrentHashMap<>()));
        }
    }

    private static final class IndexedMemoryDatabase extends MemoryDatabase {
        /** Set on first use: the super constructor opens the indexes before this class's fields are initialised. */
        private PrefixIndexes<Integer> prefixIndexes;

        IndexedMemoryDatabase(String databaseName, CursorRegistry cursorRegistry) {
            super(databaseName, cursorRegistry);
        }

        @Override
        public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver,
                                      Oplog oplog) {
            Document answer = IndexedAggregation.answer(this, command, query, resolver, oplog,
                    () -> clearLastStatus(channel));
            return answer != null ? answer : super.handleCommand(channel, command, query, resolver, oplog);
        }

        @Override
        protected Index<Integer> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                         boolean sparse) {
            return new NarrowingUniqueIndex<>(super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse), sparse);
        }

        @Override
        protected Index<Integer> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                            boolean sparse) {
            if (prefixIndexes == null) {
                prefixIndexes = new PrefixIndexes<>();
            }
            return prefixIndexes.create(collectionName, indexName, keys);
        }
    }

    private static class IndexedH2Backend extends H2Backend {
        IndexedH2Backend(MVStore store) {
            super(store);
        }

        /** A method, not a field: H2Backend's constructor opens the file's databases before subclass fields are set. */
        boolean bsonDocuments() {
            return true;
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            return new IndexedH2Database(databaseName, getMvStore(), getCursorRegistry(), bsonDocuments());
        }
    }

    private static final class JavaSerializingH2Backend extends IndexedH2Backend {
        JavaSerializingH2Backend(MVStore store) {
            super(store);
        }

        @Override
        boolean bsonDocuments() {
            return false;
        }
    }

    private static final class IndexedH2Database extends H2Database {
        /**
         * H2Database keeps a collection's documents in the map {@code databases.<db>.<collection>} (its metadata in
         * {@code meta.<db>.<collection>}, a unique index in {@code <db>.<collection>._index_<name>}, left as they are).
         */
        private static final String DATA_MAP_PREFIX = "databases.";

        /** Set on first use: the super constructor opens the indexes before this class's fields are initialised. */
        private PrefixIndexes<Object> prefixIndexes;
        /** Null while the super constructor runs and if documents are Java-serialized. */
        private final MVStore bsonStore;

        IndexedH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry, boolean bsonDocuments) {
            super(databaseName, bsonDocuments ? withDataMapsOpened(store, databaseName) : store, cursorRegistry);
            this.bsonStore = bsonDocuments ? store : null;
        }

        /**
         * The super constructor opens the database's collections (creating {@code system.namespaces} and
         * {@code system.indexes} if new) before {@link #openOrCreateCollection} can see this class's fields, and the
         * store hands an open map to the stock {@code openMap(name)} as it is: so their data maps are opened here.
         */
        private static MVStore withDataMapsOpened(MVStore store, String databaseName) {
            String prefix = DATA_MAP_PREFIX + databaseName + ".";
            for (String name : store.getMapNames()) {
                if (name.startsWith(prefix)) {
                    openDataMap(store, name);
                }
            }
            openDataMap(store, prefix + "system.namespaces");
            openDataMap(store, prefix + "system.indexes");
            return store;
        }

        private static void openDataMap(MVStore store, String name) {
            store.openMap(name, new MVMap.Builder<Object, Document>().valueType(new DocumentDataType()));
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            if (bsonStore != null) {
                openDataMap(bsonStore, DATA_MAP_PREFIX + getFullCollectionNamespace(collectionName));
            }
            return super.openOrCreateCollection(collectionName, options);
        }

        @Override
        public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver,
                                      Oplog oplog) {
            Document answer = IndexedAggregation.answer(this, command, query, resolver, oplog,
                    () -> clearLastStatus(channel));
            return answer != null ? answer : super.handleCommand(channel, command, query, resolver, oplog);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            return new NarrowingUniqueIndex<>(super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse), sparse);
        }

        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                           boolean sparse) {
            if (prefixIndexes == null) {
                prefixIndexes = new PrefixIndexes<>();
            }
            return prefixIndexes.create(collectionName, indexName, keys);
        }
    }
}
