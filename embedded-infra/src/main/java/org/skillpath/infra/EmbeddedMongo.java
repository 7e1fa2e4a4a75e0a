package org.skillpath.infra;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.skillpath.infra.store.IndexedBackends;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB wire-protocol server in Java (mongo-java-server), bound to 127.0.0.1. Memory backend for tests,
 * H2 file backend for local runs. It has no transactions, no TTL expiry and no {@code hello} command: code
 * must not rely on them. Its indexes serve equality filters as MongoDB's would ({@link IndexedBackends}); the
 * system property {@code skillpath.embedded-mongo.stock-indexes=true} restores the stock behaviour (whole
 * collection scans for any filter but exactly {@code _id}), for comparisons. The H2 file holds documents as BSON;
 * {@code skillpath.embedded-mongo.java-serialization=true} restores the stock Java serialization. Either property
 * makes a file that already holds BSON documents unreadable (see {@link IndexedBackends}).
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);
    private static EmbeddedMongo shared;

    private final MongoServer server;
    private final InetSocketAddress address;

    private EmbeddedMongo(MongoBackend backend, int port) {
        this.server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        this.address = server.getLocalAddress();
    }

    public static EmbeddedMongo inMemory(int port) {
        return new EmbeddedMongo(stockIndexes() ? new MemoryBackend() : IndexedBackends.memory(), port);
    }

    private static boolean stockIndexes() {
        return Boolean.getBoolean("skillpath.embedded-mongo.stock-indexes");
    }

    private static boolean javaSerialization() {
        return Boolean.getBoolean("skillpath.embedded-mongo.java-serialization");
    }

    /** Data survives a clean restart; after a hard kill the last few seconds of writes can be lost. */
    public static EmbeddedMongo onDisk(Path file, int port) {
        return onDisk(file, port, stockIndexes());
    }

    /**
     * As {@link #onDisk(Path, int)}, with mongo-java-server's own index use if {@code stockIndexes}; that is the
     * stock backend, so it also stores documents Java-serialized.
     */
    public static EmbeddedMongo onDisk(Path file, int port, boolean stockIndexes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + file.getParent(), e);
        }
        EmbeddedMongo mongo = new EmbeddedMongo(stockIndexes
                ? new H2Backend(file.toAbsolutePath().toString())
                : IndexedBackends.h2File(file.toAbsolutePath().toString(), javaSerialization()), port);
        log.info("MongoDB stand-in (H2 file {}) on {}", file, mongo.connectionString());
        return mongo;
    }

    /** One in-memory store per test JVM; tests isolate themselves by database name. */
    public static synchronized EmbeddedMongo shared() {
        if (shared == null) {
            shared = inMemory(0);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "embedded-mongo-shutdown"));
        }
        return shared;
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    /** A connection string naming the database, as {@code spring.mongodb.uri} wants it. */
    public String uri(String database) {
        return connectionString() + "/" + database;
    }

    public int port() {
        return address.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
