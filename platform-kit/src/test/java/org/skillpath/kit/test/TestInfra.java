package org.skillpath.kit.test;

import org.skillpath.infra.EmbeddedKafka;
import org.skillpath.infra.EmbeddedMongo;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * Points a test's application context at the infrastructure: the embedded broker and store shared by the
 * whole test JVM (the default, no Docker), or Testcontainers' real Kafka and MongoDB where Docker exists.
 * The integration tests are written once against this and run on both. Either way the context trusts the
 * test token issuer ({@link TestTokens}).
 */
public final class TestInfra {

    public static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    public static final String MONGO_IMAGE = "mongo:8.0";

    private TestInfra() {
    }

    public static void embedded(DynamicPropertyRegistry registry, String database) {
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        EmbeddedMongo mongo = EmbeddedMongo.shared();
        register(registry, kafka.bootstrapServers(), mongo.uri(database));
    }

    public static void containers(DynamicPropertyRegistry registry, KafkaContainer kafka, MongoDBContainer mongo,
                                  String database) {
        register(registry, kafka.getBootstrapServers(), mongo.getReplicaSetUrl(database));
    }

    public static String embeddedBootstrapServers() {
        return EmbeddedKafka.shared().bootstrapServers();
    }

    private static void register(DynamicPropertyRegistry registry, String bootstrap, String mongoUri) {
        registry.add("spring.kafka.bootstrap-servers", () -> bootstrap);
        registry.add("spring.cloud.stream.kafka.binder.brokers", () -> bootstrap);
        registry.add("spring.mongodb.uri", () -> mongoUri);
        TestTokens.register(registry);
    }
}
