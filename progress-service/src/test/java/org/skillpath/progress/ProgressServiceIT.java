package org.skillpath.progress;

import org.junit.jupiter.api.Nested;
import org.skillpath.kit.test.TestInfra;
import org.skillpath.progress.people.PeopleProjectionContract;
import org.skillpath.progress.progress.PlanHopContract;
import org.skillpath.progress.progress.ProgressApiContract;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every integration contract on the embedded broker and store. The contracts are nested so they share this
 * class's infrastructure and therefore one application context: two contexts would be two members of the
 * {@code progress-service} consumer group writing to different databases.
 */
class ProgressServiceIT {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.embedded(registry, "progress-it");
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
