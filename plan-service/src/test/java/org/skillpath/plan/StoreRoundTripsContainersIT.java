package org.skillpath.plan;

import org.skillpath.kit.test.TestInfra;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/** The same round trips on real Kafka and MongoDB images (the driver sends the same commands); skipped without Docker. */
@Testcontainers(disabledWithoutDocker = true)
class StoreRoundTripsContainersIT extends StoreRoundTripsContract {

    @Container
    static KafkaContainer kafka = new KafkaContainer(TestInfra.KAFKA_IMAGE);
    @Container
    static MongoDBContainer mongoDb = new MongoDBContainer(TestInfra.MONGO_IMAGE);

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.containers(registry, kafka, mongoDb, DATABASE);
    }
}
