package org.skillpath.progress.xapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.skillpath.kit.test.TestTokens.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skillpath.kit.test.TestTokens;
import org.skillpath.progress.IntegrationContract;
import org.skillpath.progress.ProgressTopic;
import org.skillpath.progress.people.PersonView;
import org.skillpath.progress.progress.CompletionSource;
import org.skillpath.progress.progress.PlanProgress;
import org.skillpath.progress.progress.PlanStep;
import org.skillpath.progress.progress.Plans;
import org.skillpath.progress.progress.StepStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The LRS statements resource on the real store: every refusal the xAPI 1.0.3 specification asks of an LRS, the
 * effects of completed / passed / attended / progressed / failed on plan steps, idempotence by statement id,
 * and unmatched statements stored and reported.
 */
public abstract class XapiContract extends IntegrationContract {

    private static final String VERSION = "X-Experience-API-Version";
    private static final String COURSE = "https://lms.example.com/activities/conflict-101";
    private static final String WORKSHOP = "https://lms.example.com/activities/negotiation-workshop";

    private String orgId;
    private String alice;
    private String aliceUser;
    private String planId;

    @BeforeEach
    void aPersonWithAPlan() {
        orgId = newOrgId();
        alice = newId();
        aliceUser = "alice-" + alice.substring(0, 8);
        mongo.insert(new PersonView(alice, orgId, "Alice Specialist", null, true, aliceUser, "E-1001"));
        planId = newId();
        Plans.store(mongo, orgId, alice, planId, "ACTIVE", null, today(), List.of(
                new Plans.Step("course", "COURSE", "conflict-resolution", 6, today().plusWeeks(2), COURSE),
                new Plans.Step("workshop", "WORKSHOP", "negotiation", 3, today().plusWeeks(4), WORKSHOP),
                new Plans.Step("practice", "PRACTICE", "budgeting", 8, today().plusWeeks(8), null)));
    }

    @Test
    public void theVersionHeaderIsRequiredOnRequestsAndPresentOnEveryResponse() throws Exception {
        String body = statement(newId(), XapiStatements.COMPLETED, COURSE);
        mvc.perform(post("/xapi/statements").with(bearer(platform())).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(header().string(VERSION, "1.0.3"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value(VERSION));
        for (String unsupported : List.of("0.95", "1.1.0", "2.0.0", "one")) {
            send(post("/xapi/statements").content(body), unsupported)
                    .andExpect(status().isBadRequest())
                    .andExpect(header().string(VERSION, "1.0.3"))
                    .andExpect(jsonPath("$.errors[0].field").value(VERSION));
        }
        assertThat(stored(idOf(body))).as("refused requests store nothing").isNull();
        send(post("/xapi/statements").content(body), "1.0")
                .andExpect(status().isOk())
                .andExpect(header().string(VERSION, "1.0.3"));
    }

    @Test
    public void aCompletedStatementCompletesTheStepWithThatActivityOnce() throws Exception {
        String id = newId();
        String body = statement(id, XapiStatements.COMPLETED, COURSE);

        send(post("/xapi/statements").content(body), "1.0.3")
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$", contains(id)));

        PlanProgress plan = Plans.load(mongo, planId);
        PlanStep course = plan.getSteps().get(0);
        assertThat(course.status()).isEqualTo(StepStatus.COMPLETED);
        assertThat(course.completedBy()).isEqualTo(CompletionSource.XAPI);
        assertThat(course.completedAt()).as("the statement's own time").isEqualTo(java.time.Instant.parse("2026-03-04T10:15:00Z"));
        assertThat(plan.getSteps().get(1).status()).isEqualTo(StepStatus.NOT_STARTED);
        StoredStatement stored = stored(id);
        assertThat(stored.outcome()).isEqualTo(StoredStatement.Outcome.STEP_COMPLETED);
        assertThat(stored.personId()).isEqualTo(alice);
        assertThat(stored.matchedSteps()).containsExactly(new StoredStatement.MatchedStep(planId, "course", "COMPLETED"));

        // The same statement again: accepted, no second effect.
        send(post("/xapi/statements").content(body), "1.0.3").andExpect(status().isOk()).andExpect(jsonPath("$", contains(id)));
        send(put("/xapi/statements").param("statementId", id).content(body), "1.0.3").andExpect(status().isNoContent());
        assertThat(stored(id)).isEqualTo(stored);
        assertThat(Plans.load(mongo, planId).getSteps().get(0)).isEqualTo(course);
        assertThat(ProgressTopic.events(bootstrap(), alice, "org.skillpath.step.completed", 2, java.time.Duration.ofSeconds(4)))
                .as("one step.completed, however often the statement comes").hasSize(1);
    }

    @Test
    public void passedAndAttendedCompleteTooAndTheAccountMayNameTheEmployeeNumber() throws Exception {
        String passed = statement(newId(), XapiStatements.PASSED, COURSE);
        String attended = statement(newId(), XapiStatements.ATTENDED, WORKSHOP).replace(aliceUser, "E-1001");

        send(post("/xapi/statements").content("[" + passed + "," + attended + "]"), "1.0.3").andExpect(status().isOk());

        PlanProgress plan = Plans.load(mongo, planId);
        assertThat(plan.getSteps()).extracting(PlanStep::status)
                .containsExactly(StepStatus.COMPLETED, StepStatus.COMPLETED, StepStatus.NOT_STARTED);
    }

    @Test
    public void aBatchAnswersTheIdsInOrderAndTheLrsAssignsMissingOnes() throws Exception {
        String first = newId();
        String last = newId();
        String withoutId = statement(newId(), XapiStatements.ATTEMPTED, COURSE).replaceFirst("\"id\":\"[^\"]+\",", "");
        String body = "[" + statement(first, XapiStatements.ATTEMPTED, COURSE) + "," + withoutId + ","
                + statement(last, XapiStatements.ATTEMPTED, WORKSHOP) + "]";

        String response = send(post("/xapi/statements").content(body), "1.0.3")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(3))
                .andExpect(jsonPath("$[0]").value(first))
                .andExpect(jsonPath("$[2]").value(last))
                .andReturn().getResponse().getContentAsString();

        String assigned = response.split("\"")[3];
        assertThat(UUID.fromString(assigned)).isNotNull();
        StoredStatement stored = stored(assigned);
        assertThat(stored.outcome()).as("attempted is stored, not acted on").isEqualTo(StoredStatement.Outcome.VERB_NOT_TRACKED);
        assertThat(stored.statement()).contains("\"id\":\"" + assigned + "\"").contains("\"stored\":")
                .contains("\"version\":\"1.0.0\"");
    }

    @Test
    public void aKnownIdWithOtherContentIsAConflictAndChangesNothing() throws Exception {
        String id = newId();
        send(post("/xapi/statements").content(statement(id, XapiStatements.FAILED, COURSE)), "1.0.3")
                .andExpect(status().isOk());
        StoredStatement before = stored(id);

        send(post("/xapi/statements").content(statement(id, XapiStatements.COMPLETED, COURSE)), "1.0.3")
                .andExpect(status().isConflict())
                .andExpect(header().string(VERSION, "1.0.3"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        send(put("/xapi/statements").param("statementId", id).content(statement(id, XapiStatements.COMPLETED, COURSE)), "1.0.3")
                .andExpect(status().isConflict());
        String other = newId();
        send(post("/xapi/statements").content("[" + statement(other, XapiStatements.COMPLETED, WORKSHOP) + ","
                + statement(id, XapiStatements.COMPLETED, COURSE) + "]"), "1.0.3")
                .andExpect(status().isConflict());

        assertThat(stored(id)).isEqualTo(before);
        assertThat(stored(other)).as("a conflicting batch stores none of it").isNull();
        assertThat(Plans.load(mongo, planId).getSteps().get(0).status())
                .as("failed is recorded and does not complete").isEqualTo(StepStatus.IN_PROGRESS);
        assertThat(before.outcome()).isEqualTo(StoredStatement.Outcome.FAILURE_RECORDED);
    }

    @Test
    public void duplicateIdsInsideOneBatchAreRefusedAndNothingIsStored() throws Exception {
        String id = newId();
        String other = newId();
        send(post("/xapi/statements").content("[" + statement(other, XapiStatements.COMPLETED, WORKSHOP) + ","
                + statement(id, XapiStatements.COMPLETED, COURSE) + "," + statement(id, XapiStatements.COMPLETED, COURSE)
                + "]"), "1.0.3")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("statements[2].id"));
        assertThat(stored(id)).isNull();
        assertThat(stored(other)).isNull();
    }

    @Test
    public void putNeedsTheStatementIdParameterMatchingTheBodyAndAnswers204() throws Exception {
        String id = newId();
        String body = statement(id, XapiStatements.COMPLETED, COURSE);
        send(put("/xapi/statements").content(body), "1.0.3")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("statementId"));
        send(put("/xapi/statements").param("statementId", "42").content(body), "1.0.3")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("statementId"));
        send(put("/xapi/statements").param("statementId", newId()).content(body), "1.0.3")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("statement.id"));
        send(put("/xapi/statements").param("statementId", id).content("[" + body + "]"), "1.0.3")
                .andExpect(status().isBadRequest());

        send(put("/xapi/statements").param("statementId", id.toUpperCase()).content(body), "1.0.3")
                .andExpect(status().isNoContent())
                .andExpect(header().string(VERSION, "1.0.3"));
        send(get("/xapi/statements").param("statementId", id), "1.0.3")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.verb.id").value(XapiStatements.COMPLETED))
                .andExpect(jsonPath("$.stored").exists());
        send(get("/xapi/statements").param("statementId", id), "1.0.3").andExpect(status().isOk());
        mvc.perform(get("/xapi/statements").param("statementId", id).header(VERSION, "1.0.3")
                        .with(bearer(TestTokens.client(newOrgId(), "lms", "xapi:write"))))
                .andExpect(status().isNotFound());
    }

    @Test
    public void invalidStatementsAreRefusedNamingTheFields() throws Exception {
        String body = statement(newId(), XapiStatements.COMPLETED, COURSE).replace("\"completion\":true", "\"completion\":\"yes\"")
                .replace("\"verb\":{\"id\":\"" + XapiStatements.COMPLETED + "\"", "\"verb\":{\"id\":\"completed\"");
        send(post("/xapi/statements").content("[" + body + "]"), "1.0.3")
                .andExpect(status().isBadRequest())
                .andExpect(header().string(VERSION, "1.0.3"))
                .andExpect(jsonPath("$.errors[*].field", hasItem("statements[0].verb.id")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("statements[0].result.completion")));
        send(post("/xapi/statements").content("{\"actor\": "), "1.0.3")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        send(post("/xapi/statements").content("[]"), "1.0.3").andExpect(status().isBadRequest());
    }

    @Test
    public void progressedUpdatesProgressFromTheCmi5Extension() throws Exception {
        send(post("/xapi/statements").content(XapiStatements.progressed(newId(), LMS, aliceUser, COURSE, 40)), "1.0.3")
                .andExpect(status().isOk());
        send(post("/xapi/statements").content(XapiStatements.progressed(newId(), LMS, aliceUser, COURSE, 25)), "1.0.3")
                .andExpect(status().isOk());
        PlanStep course = Plans.load(mongo, planId).getSteps().get(0);
        assertThat(course.status()).isEqualTo(StepStatus.IN_PROGRESS);
        assertThat(course.progressPercent()).isEqualTo(40);
        assertThat(Plans.load(mongo, planId).pendingEvents()).isEmpty();
    }

    @Test
    public void statementsMatchingNoPersonOrStepAreStoredAndReported() throws Exception {
        String stranger = statement(newId(), XapiStatements.COMPLETED, COURSE).replace(aliceUser, "nobody-here");
        String otherLms = statement(newId(), XapiStatements.COMPLETED, COURSE).replace(LMS + "\"", "https://other-lms.example.org\"");
        String noStep = statement(newId(), XapiStatements.COMPLETED, "https://lms.example.com/activities/unplanned");
        send(post("/xapi/statements").content("[" + stranger + "," + otherLms + "," + noStep + "]"), "1.0.3")
                .andExpect(status().isOk());

        assertThat(stored(idOf(stranger)).outcome()).isEqualTo(StoredStatement.Outcome.UNMATCHED_PERSON);
        assertThat(stored(idOf(otherLms)).outcome()).isEqualTo(StoredStatement.Outcome.UNMATCHED_PERSON);
        assertThat(stored(idOf(noStep)).outcome()).isEqualTo(StoredStatement.Outcome.UNMATCHED_STEP);

        String admin = newId();
        mongo.insert(new PersonView(admin, orgId, "Lee L&D", null, true, "lee", null));
        mvc.perform(get("/api/xapi/statements").param("unmatched", "true").with(bearer(TestTokens.admin(orgId, admin))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(3))
                .andExpect(jsonPath("$.items[*].accountName", hasItem("nobody-here")));
        mvc.perform(get("/api/xapi/statements").with(bearer(TestTokens.employee(orgId, alice))))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(Plans.load(mongo, planId).getSteps()).allSatisfy(s -> assertThat(s.status()).isEqualTo(StepStatus.NOT_STARTED));
    }

    @Test
    public void anotherOrganisationsPlatformNeverReachesThisOrganisationsData() throws Exception {
        // The same LMS homePage, the same account name, the same statement id: still another organisation's.
        String id = newId();
        String theirs = TestTokens.client(newOrgId(), "lms", "xapi:write");
        mvc.perform(post("/xapi/statements").with(bearer(theirs)).header(VERSION, "1.0.3")
                        .contentType(MediaType.APPLICATION_JSON).content(statement(id, XapiStatements.COMPLETED, COURSE)))
                .andExpect(status().isOk());
        assertThat(Plans.load(mongo, planId).getSteps().get(0).status()).isEqualTo(StepStatus.NOT_STARTED);
        assertThat(stored(id)).as("nothing stored in this organisation").isNull();
        mvc.perform(get("/xapi/statements").param("statementId", id).with(bearer(theirs)).header(VERSION, "1.0.3"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.actor.account.name").value(aliceUser));
        send(get("/xapi/statements").param("statementId", id), "1.0.3").andExpect(status().isNotFound());

        // This organisation's platform uses the id too, with other content: no conflict across organisations.
        send(post("/xapi/statements").content(statement(id, XapiStatements.PASSED, COURSE)), "1.0.3")
                .andExpect(status().isOk());
        assertThat(stored(id).outcome()).isEqualTo(StoredStatement.Outcome.STEP_COMPLETED);
    }

    @Test
    public void statementRequestsAreLimitedPerOrganisation() throws Exception {
        for (int i = 0; i < XAPI_LIMIT; i++) {
            send(post("/xapi/statements").content(statement(newId(), XapiStatements.ATTEMPTED, COURSE)), "1.0.3")
                    .andExpect(status().isOk());
        }
        String refused = newId();
        send(post("/xapi/statements").content(statement(refused, XapiStatements.ATTEMPTED, COURSE)), "1.0.3")
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(header().string(VERSION, "1.0.3"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(startsWith(
                        "the organisation's limit for xapi-statements is " + XAPI_LIMIT + " a minute")));
        send(put("/xapi/statements").param("statementId", refused)
                .content(statement(refused, XapiStatements.ATTEMPTED, COURSE)), "1.0.3")
                .andExpect(status().isTooManyRequests());
        assertThat(stored(refused)).as("a refused request stores nothing").isNull();
        // Reading is not limited, and another organisation's platform has its own budget.
        send(get("/xapi/statements").param("statementId", newId()), "1.0.3").andExpect(status().isNotFound());
        mvc.perform(post("/xapi/statements").with(bearer(TestTokens.client(newOrgId(), "lms", "xapi:write")))
                        .header(VERSION, "1.0.3").contentType(MediaType.APPLICATION_JSON)
                        .content(statement(newId(), XapiStatements.ATTEMPTED, COURSE)))
                .andExpect(status().isOk());

        clock.advance(java.time.Duration.ofMinutes(1));
        send(post("/xapi/statements").content(statement(refused, XapiStatements.ATTEMPTED, COURSE)), "1.0.3")
                .andExpect(status().isOk());
    }

    private ResultActions send(MockHttpServletRequestBuilder request, String version) throws Exception {
        return mvc.perform(request.with(bearer(platform())).header(VERSION, version).contentType(MediaType.APPLICATION_JSON));
    }

    /** The organisation's L&D platform, with a client-credentials token. */
    private String platform() {
        return TestTokens.client(orgId, "lms", "xapi:write");
    }

    private StoredStatement stored(String statementId) {
        return mongo.findById(StoredStatement.idOf(orgId, statementId), StoredStatement.class);
    }

    private String statement(String id, String verb, String activity) {
        return XapiStatements.statement(id, LMS, aliceUser, verb, activity);
    }

    private static String idOf(String statement) {
        return statement.substring(statement.indexOf("\"id\":\"") + 6, statement.indexOf("\"id\":\"") + 42);
    }
}
