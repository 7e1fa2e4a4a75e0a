package org.skillpath.notification;

import org.skillpath.kit.test.TestInfra;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/** The same access rules on real Kafka and MongoDB images; skipped where no Docker engine exists. */
@Testcontainers(disabledWithoutDocker = true)
class AccessRulesContainersIT extends AccessRulesContract {

    @Container
    static KafkaContainer kafka = new KafkaContainer(TestInfra.KAFKA_IMAGE);
    @Container
    static MongoDBContainer mongo = new MongoDBContainer(TestInfra.MONGO_IMAGE);

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.containers(registry, kafka, mongo, "notification-access");
    }
}
