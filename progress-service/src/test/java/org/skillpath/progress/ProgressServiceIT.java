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
