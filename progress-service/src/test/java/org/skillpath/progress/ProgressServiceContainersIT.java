package org.skillpath.progress;

import org.junit.jupiter.api.Nested;
import org.skillpath.kit.test.TestInfra;
import org.skillpath.progress.access.AccessRulesContract;
import org.skillpath.progress.access.TenancyContract;
import org.skillpath.progress.lrscredentials.LrsCredentialsContract;
import org.skillpath.progress.people.PeopleProjectionContract;
import org.skillpath.progress.progress.CompletionFlowContract;
import org.skillpath.progress.progress.PlanHopContract;
import org.skillpath.progress.progress.PlanLifecycleContract;
import org.skillpath.progress.progress.StepActionsContract;
import org.skillpath.progress.dashboard.DashboardContract;
import org.skillpath.progress.progress.ProgressApiContract;
import org.skillpath.progress.xapi.XapiContract;
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

    @Nested
    class Xapi extends XapiContract {
    }

    @Nested
    class CompletionFlow extends CompletionFlowContract {
    }

    @Nested
    class StepActions extends StepActionsContract {
    }

    @Nested
    class Dashboard extends DashboardContract {
    }

    @Nested
    class PlanLifecycle extends PlanLifecycleContract {
    }

    @Nested
    class LrsCredentials extends LrsCredentialsContract {
    }

    @Nested
    class Tenancy extends TenancyContract {
    }

    @Nested
    class AccessRules extends AccessRulesContract {
    }

    @Nested
    class StoreRoundTrips extends StoreRoundTripsContract {
    }
}
