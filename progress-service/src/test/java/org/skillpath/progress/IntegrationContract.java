package org.skillpath.progress;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.skillpath.kit.test.MongoCommands;
import org.skillpath.kit.test.MutableClock;
import org.skillpath.progress.people.PersonView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Base of every integration contract: one application context shape, so all contracts share one context per
 * infrastructure variant ({@link ProgressServiceIT}, {@link ProgressServiceContainersIT}). Tests isolate
 * themselves by fresh person, plan and organisation ids, never by cleaning up. Time is a {@link MutableClock}
 * that tests only ever move forward; fixtures take "today" from it. The scheduled jobs' timers are off: tests
 * run the jobs by hand.
 */
@SpringBootTest(classes = {ProgressServiceApplication.class, IntegrationContract.TestClock.class, MongoCommands.class},
        properties = {
        "skillpath.schedule.enabled=false",
        "skillpath.xapi.default-account-home-pages=" + IntegrationContract.LMS,
        "skillpath.progress.due-soon-days=3",
        "skillpath.progress.reassessment-delay-days=14",
        // Small enough for a test to reach; tests use a fresh organisation each, and the clock only moves when a
        // test moves it, so no budget refills behind a test's back.
        "skillpath.limits.mass-actions." + IntegrationContract.XAPI_LIMIT_ACTION + "-per-minute="
                + IntegrationContract.XAPI_LIMIT
})
@AutoConfigureMockMvc
public abstract class IntegrationContract {

    /** The account homePage of the test organisations' LMS. */
    public static final String LMS = "https://lms.example.com";
    public static final String XAPI_LIMIT_ACTION = "xapi-statements";
    /** xAPI statement requests per organisation and minute in the tests. */
    public static final int XAPI_LIMIT = 12;

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {

        @Bean
        MutableClock clock() {
            return new MutableClock(Instant.now());
        }
    }

    @Autowired
    protected MongoTemplate mongo;
    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected MutableClock clock;
    @Autowired
    private Environment environment;

    /** The broker the application talks to, whichever variant runs. */
    protected String bootstrap() {
        return environment.getRequiredProperty("spring.kafka.bootstrap-servers");
    }

    /** Today by the application's clock. */
    protected LocalDate today() {
        return LocalDate.now((Clock) clock);
    }

    protected static String newId() {
        return UUID.randomUUID().toString();
    }

    /** Organisation ids follow the token's org claim rule: lowercase letters, digits, hyphens. */
    protected static String newOrgId() {
        return "org-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A person in this service's copy of the people directory, as person.upserted stores them. */
    protected PersonView inDirectory(String orgId, String personId, String managerId) {
        return mongo.insert(new PersonView(personId, orgId, "Person " + personId.substring(0, 8), managerId, true,
                "user-" + personId.substring(0, 8), null));
    }

    /** A new person of the organisation's directory with the L&D admin role; returns their token. */
    protected String newAdmin(String orgId) {
        String admin = newId();
        inDirectory(orgId, admin, null);
        return org.skillpath.kit.test.TestTokens.admin(orgId, admin);
    }
}
