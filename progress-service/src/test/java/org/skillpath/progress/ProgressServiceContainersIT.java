package org.skillpath.progress;

import org.junit.jupiter.api.Nested;
import org.skillpath.kit.test.TestInfra;
import org.skillpath.progress.people.PeopleProjectionContract;
import org.skillpath.progress.progress.PlanHopContract;
import org.skillpath.progress.progress.ProgressApiContract;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/** The same contracts as {@link ProgressServiceIT} on real Kafka and MongoDB images; skipped without Docker. */
@Testcontainers(disabledWithoutDocker = true)
class ProgressServiceContainersIT {

    @Container
    static KafkaContainer kafka = new KafkaContainer(TestInfra.KAFKA_IMAGE);
    @Container
    static MongoDBContainer mongo = new MongoDBContainer(TestInfra.MONGO_IMAGE);

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.containers(registry, kafka, mongo, "progress-it");
    }

    @Nested
    class PlanHop extends PlanHopContract {
    }

    @Nested
    class PeopleProjection extends PeopleProjectionContract {
    }

    @Nested
    class ProgressApi extends ProgressApiContract {
    }
}
