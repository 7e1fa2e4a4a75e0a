package org.skillpath.progress.lrscredentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.skillpath.kit.test.TestTokens.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skillpath.kit.test.TestTokens;
import org.skillpath.progress.IntegrationContract;
import org.skillpath.progress.progress.CompletionSource;
import org.skillpath.progress.progress.PlanStep;
import org.skillpath.progress.progress.Plans;
import org.skillpath.progress.progress.StepStatus;
import org.skillpath.progress.xapi.StoredStatement;
import org.skillpath.progress.xapi.XapiStatements;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * LRS credentials as L&D admins manage them and L&D platforms use them: the secret is shown once and kept as a
 * BCrypt hash; HTTP Basic with the key and secret makes a platform of the admin's organisation; wrong, unknown
 * and revoked credentials are 401 problems that name the accepted schemes; revocation takes effect at once.
 */
public abstract class LrsCredentialsContract extends IntegrationContract {

    private static final String VERSION = "X-Experience-API-Version";
    private static final String COURSE = "https://lms.example.com/activities/conflict-101";

    @Autowired
    private ObjectMapper json;

    private String orgId;
    private String admin;
    private String alice;
    private String planId;

    @BeforeEach
    void anOrganisationWithAnAdminAndALearner() {
        orgId = newOrgId();
        admin = newId();
        inDirectory(orgId, admin, null);
        alice = newId();
        inDirectory(orgId, alice, null);
        planId = newId();
        Plans.store(mongo, orgId, alice, planId, "ACTIVE", null, today(), List.of(
                new Plans.Step("course", "COURSE", "conflict-resolution", 4, today().plusWeeks(2), COURSE)));
    }

    @Test
    public void theSecretIsShownOnceAndKeptOnlyAsABcryptHash() throws Exception {
        JsonNode issued = create("Example LMS")
                .andExpect(status().isCreated())
                .andExpect(header().string("Cache-Control", containsString("no-store")))
                .andExpect(jsonPath("$.key", matchesPattern("lrs-[0-9a-f]{24}")))
                .andExpect(jsonPath("$.secret", matchesPattern("[A-Za-z0-9_-]{43}")))
                .andExpect(jsonPath("$.label").value("Example LMS"))
                .andReturn().getResponse().getContentAsString().transform(json::readTree);
        String key = issued.get("key").asString();
        String secret = issued.get("secret").asString();

        Document stored = mongo.getCollection("lrs_credentials").find(new Document("_id", key)).first();
        assertThat(stored.getString("orgId")).isEqualTo(orgId);
        assertThat(stored.getString("createdBy")).isEqualTo(admin);
        assertThat(stored.getString("secretHash")).startsWith("$2").isNotEqualTo(secret);
        assertThat(stored.toJson()).doesNotContain(secret);

        clock.advance(Duration.ofSeconds(1));
        String newer = create("Second LMS").andReturn().getResponse().getContentAsString()
                .transform(json::readTree).get("key").asString();
        String list = mvc.perform(get("/api/lrs-credentials").with(bearer(adminToken())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(2))
                .andExpect(jsonPath("$.items[*].key", contains(newer, key)))
                .andExpect(jsonPath("$.items[1].label").value("Example LMS"))
                .andExpect(jsonPath("$.items[1].revoked").value(false))
                .andReturn().getResponse().getContentAsString();
        assertThat(list).doesNotContain(secret).doesNotContain("secret");
        mvc.perform(get("/api/lrs-credentials").param("size", "1").param("page", "1").with(bearer(adminToken())))
                .andExpect(jsonPath("$.items[*].key", contains(key)));
        // Another organisation lists its own credentials only.
        mvc.perform(get("/api/lrs-credentials").with(bearer(newAdmin(newOrgId()))))
                .andExpect(status().isOk()).andExpect(jsonPath("$.totalItems").value(0));

        create(" ").andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("label"));
        create("x".repeat(201)).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("label"));
    }

    @Test
    public void aPlatformSendsStatementsWithItsCredentialsUntilTheyAreRevoked() throws Exception {
        JsonNode issued = create("Example LMS").andReturn().getResponse().getContentAsString().transform(json::readTree);
        String key = issued.get("key").asString();
        String secret = issued.get("secret").asString();
        String id = newId();

        statement(id, basic(key, secret)).andExpect(status().isOk()).andExpect(jsonPath("$[0]").value(id));
        PlanStep course = Plans.load(mongo, planId).getSteps().get(0);
        assertThat(course.status()).isEqualTo(StepStatus.COMPLETED);
        assertThat(course.completedBy()).isEqualTo(CompletionSource.XAPI);
        assertThat(mongo.findById(StoredStatement.idOf(orgId, id), StoredStatement.class).personId()).isEqualTo(alice);
        mvc.perform(get("/xapi/statements").param("statementId", id).header(VERSION, "1.0.3")
                        .header("Authorization", basic(key, secret)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.id").value(id));

        statement(newId(), basic(key, secret + "x"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(VERSION, "1.0.3"))
                .andExpect(header().string("WWW-Authenticate", containsString("Basic realm=")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail").value("the LRS credentials were refused (unknown key, wrong secret or revoked)"));
        statement(newId(), basic("lrs-000000000000000000000000", secret)).andExpect(status().isUnauthorized());
        statement(newId(), basic("not a key", secret)).andExpect(status().isUnauthorized());
        statement(newId(), "Basic !!!not-base64").andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        statement(newId(), null)
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(VERSION, "1.0.3"))
                .andExpect(header().string("WWW-Authenticate", containsString("Bearer")))
                .andExpect(header().string("WWW-Authenticate", containsString("Basic")))
                .andExpect(jsonPath("$.detail").value(
                        "requires LRS credentials (HTTP Basic) or a bearer token with the scope xapi:write"));
        statement(newId(), TestTokens.authorization(TestTokens.expired(orgId, "lms")))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("invalid_token")));
        statement(newId(), TestTokens.authorization(adminToken()))
                .andExpect(status().isForbidden())
                .andExpect(header().string(VERSION, "1.0.3"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("requires the scope xapi:write (an L&D platform's client token) "
                        + "or the organisation's LRS credentials"));
        // Basic credentials are the LRS's alone: the rest of the API takes bearer tokens only.
        mvc.perform(get("/api/progress/plans/{p}", planId).header("Authorization", basic(key, secret)))
                .andExpect(status().isUnauthorized());

        // Another organisation's admin cannot revoke it; this organisation's admin can, and it stops at once.
        mvc.perform(post("/api/lrs-credentials/{k}/revoke", key).with(bearer(newAdmin(newOrgId()))))
                .andExpect(status().isNotFound());
        statement(newId(), basic(key, secret)).andExpect(status().isOk());
        String revokedAt = mvc.perform(post("/api/lrs-credentials/{k}/revoke", key).with(bearer(adminToken())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.revoked").value(true))
                .andExpect(jsonPath("$.revokedBy").value(admin))
                .andReturn().getResponse().getContentAsString().transform(json::readTree).get("revokedAt").asString();
        statement(newId(), basic(key, secret)).andExpect(status().isUnauthorized());
        clock.advance(Duration.ofSeconds(1));
        mvc.perform(post("/api/lrs-credentials/{k}/revoke", key).with(bearer(adminToken())))
                .andExpect(status().isOk()).andExpect(jsonPath("$.revokedAt").value(revokedAt));
        mvc.perform(post("/api/lrs-credentials/{k}/revoke", "lrs-000000000000000000000000").with(bearer(adminToken())))
                .andExpect(status().isNotFound());
    }

    private String adminToken() {
        return TestTokens.admin(orgId, admin);
    }

    private ResultActions create(String label) throws Exception {
        return mvc.perform(post("/api/lrs-credentials").with(bearer(adminToken()))
                .contentType(MediaType.APPLICATION_JSON).content("{\"label\":\"" + label + "\"}"));
    }

    private ResultActions statement(String id, String authorization) throws Exception {
        MockHttpServletRequestBuilder request = post("/xapi/statements").header(VERSION, "1.0.3")
                .contentType(MediaType.APPLICATION_JSON)
                .content(XapiStatements.statement(id, LMS, "user-" + alice.substring(0, 8), XapiStatements.COMPLETED, COURSE));
        return mvc.perform(authorization == null ? request : request.header("Authorization", authorization));
    }

    private static String basic(String key, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
