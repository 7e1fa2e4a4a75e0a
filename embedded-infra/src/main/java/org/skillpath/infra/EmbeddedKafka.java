package org.skillpath.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in KRaft mode (one combined broker + controller node), in-process, bound to
 * 127.0.0.1 only. Its log directory is kept, so a restart on the same directory keeps topics and offsets.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static EmbeddedKafka shared;

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    private EmbeddedKafka(Path logDir, int port, int controllerPort) {
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Starts a broker on the given ports; {@code 0} picks free ports. */
    public static EmbeddedKafka start(Path logDir, int port, int controllerPort) {
        EmbeddedKafka kafka = new EmbeddedKafka(logDir,
                port == 0 ? FreePorts.pick() : port,
                controllerPort == 0 ? FreePorts.pick() : controllerPort);
        kafka.startup();
        return kafka;
    }

    /**
     * One broker per test JVM, started on first use and never stopped by tests: Spring's cached application
     * contexts outlive test classes and would otherwise reconnect to a dead broker.
     */
    public static synchronized EmbeddedKafka shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("skillpath-kafka-");
                shared = start(dir, 0, 0);
                Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "embedded-kafka-shutdown"));
            } catch (IOException e) {
                throw new IllegalStateException("cannot create a Kafka log directory", e);
            }
        }
        return shared;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    private Map<String, Object> brokerProperties() {
        Map<String, Object> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "true");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        return p;
    }

    private void startup() {
        long started = System.nanoTime();
        try {
            Files.createDirectories(logDir);
            Map<String, Object> props = brokerProperties();
            KafkaConfig config = new KafkaConfig(props, false);
            // Formatting again with a new cluster id fails: format only a directory never formatted.
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                new Formatter()
                        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                        .setNodeId(1)
                        .setClusterId(Uuid.randomUuid().toString())
                        .setDirectories(List.of(logDir.toAbsolutePath().toString()))
                        .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
                        .setControllerListenerName("CONTROLLER")
                        .run();
            }
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            awaitReady(Duration.ofSeconds(60));
            log.info("Kafka broker (KRaft) ready on {} in {} ms, data in {}", bootstrapServers(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), logDir);
        } catch (Exception e) {
            throw new IllegalStateException("embedded Kafka failed to start on port " + port, e);
        }
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka did not become ready in " + timeout, notYet);
                    }
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (Exception e) {
                log.warn("Kafka shutdown: {}", e.toString());
            }
            server = null;
        }
    }

    /** Stops and starts the broker on the same ports and directory: a restart under load, for fault tests. */
    public synchronized void restart() {
        close();
        startup();
    }
}
