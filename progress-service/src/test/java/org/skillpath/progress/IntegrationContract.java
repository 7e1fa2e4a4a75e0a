package org.skillpath.progress;

import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Base of every integration contract: one application context shape, so all contracts share one context per
 * infrastructure variant ({@link ProgressServiceIT}, {@link ProgressServiceContainersIT}). Tests isolate
 * themselves by fresh person, plan and organisation ids, never by cleaning up.
 */
@SpringBootTest
@AutoConfigureMockMvc
public abstract class IntegrationContract {

    @Autowired
    protected MongoTemplate mongo;
    @Autowired
    protected MockMvc mvc;
    @Autowired
    private Environment environment;

    /** The broker the application talks to, whichever variant runs. */
    protected String bootstrap() {
        return environment.getRequiredProperty("spring.kafka.bootstrap-servers");
    }

    protected static String newId() {
        return UUID.randomUUID().toString();
    }

    /** Organisation ids follow the X-Org-Id rule: lowercase letters, digits, hyphens. */
    protected static String newOrgId() {
        return "org-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
