package org.skillpath.infra.store;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
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
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server backends that use their indexes the way MongoDB does, as far as equality goes: unique indexes
 * also serve filters with more fields ({@link NarrowingUniqueIndex}) and non-unique indexes exist
 * ({@link PrefixIndex}) instead of being ignored, and aggregations read their first {@code $match} through them
 * ({@link IndexedAggregation}). Without them every filter but exactly {@code _id} reads the whole
 * collection, so the local stack slowed down as its data grew and the store was a third of the pipeline's CPU in
 * the benchmark. Storage is unchanged: an H2 file written before opens as it was, its non-unique indexes are
 * rebuilt in memory on open.
 */
public final class IndexedBackends {

    private IndexedBackends() {
    }

    public static MongoBackend memory() {
        return new IndexedMemoryBackend();
    }

    public static MongoBackend h2File(String fileName) {
        return new IndexedH2Backend(MVStore.open(fileName));
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
            if (command.equalsIgnoreCase("aggregate")) {
                Document answer = IndexedAggregation.run(this, getDatabaseName(), query, resolver, oplog);
                if (answer != null) {
                    clearLastStatus(channel);
                    return answer;
                }
            }
            return super.handleCommand(channel, command, query, resolver, oplog);
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

    private static final class IndexedH2Backend extends H2Backend {
        IndexedH2Backend(MVStore store) {
            super(store);
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            return new IndexedH2Database(databaseName, getMvStore(), getCursorRegistry());
        }
    }

    private static final class IndexedH2Database extends H2Database {
        /** Set on first use: the super constructor opens the indexes before this class's fields are initialised. */
        private PrefixIndexes<Object> prefixIndexes;

        IndexedH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
            super(databaseName, store, cursorRegistry);
        }

        @Override
        public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver,
                                      Oplog oplog) {
            if (command.equalsIgnoreCase("aggregate")) {
                Document answer = IndexedAggregation.run(this, getDatabaseName(), query, resolver, oplog);
                if (answer != null) {
                    clearLastStatus(channel);
                    return answer;
                }
            }
            return super.handleCommand(channel, command, query, resolver, oplog);
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
