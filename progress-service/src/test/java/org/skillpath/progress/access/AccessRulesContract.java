package org.skillpath.progress.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skillpath.kit.test.TestTokens.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skillpath.kit.test.AccessMatrix;
import org.skillpath.kit.test.TestTokens;
import org.skillpath.progress.IntegrationContract;
import org.skillpath.progress.dashboard.DashboardMember;
import org.skillpath.progress.people.PersonView;
import org.skillpath.progress.progress.Plans;
import org.skillpath.progress.xapi.StoredStatement;
import org.skillpath.progress.xapi.XapiStatements;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Who may do what, through the real filter chain with real signed tokens (and real LRS credentials): every
 * endpoint called by every kind of caller that matters, each answer recorded in one {@link AccessMatrix}, which
 * fails on any broken rule and must equal docs/access/progress-service.md. Each test builds its own organisation:
 * a person with a plan, their manager and their manager's manager, the plan's mentor, a colleague, another
 * manager, an L&D admin, and an admin of a second organisation.
 */
public abstract class AccessRulesContract extends IntegrationContract {

    static final AccessMatrix MATRIX = new AccessMatrix("progress-service", """
            progress-service records progress along learning plans, the dashboards and the LRS (xAPI) intake. The
            caller and the organisation come from the bearer token (under /xapi also from LRS credentials), and
            every query is confined to the token's organisation, so another organisation's ids are never found
            (404). People act only while they are active people of their organisation's directory (else 403,
            whatever they ask). A plan or person the caller has no relation to answers 404, like a missing one; a
            relation without the right to the action answers 403. The owner reads and works on their plans; their
            manager (MANAGER role and the directory's reporting line) reads them, confirms practice steps and may
            skip steps; the manager's manager reads, never changes, and only with
            `skillpath.access.skip-level-read=true` (default false); a mentor reads the plans they mentor (and
            their portfolio entries) and logs sessions there; an L&D admin reads organisation-wide views (plans,
            dashboards, the statement report; not portfolios, not actions) and manages the LRS credentials. The LRS
            takes a client token with `xapi:write` or the organisation's LRS credentials (HTTP Basic); statement
            requests count against a per-organisation limit (`skillpath.limits.mass-actions.xapi-statements-per-minute`,
            429 beyond it). Dead letters hold every organisation's records: the platform operator (`ops:admin`)
            only. No endpoint shows raters or their responses: the dashboard holds levels only.
            """);

    private static final String VERSION = "X-Experience-API-Version";
    private static final String NO_TOKEN = "no token";
    private static final String CLIENT = "a client with xapi:write";
    private static final String OTHER_ORG_ADMIN = "another organisation's admin";
    private static final String COLLEAGUE = "another employee";
    private static final String OTHER_MANAGER = "another manager";
    private static final String ADMIN = "an L&D admin";
    private static final String SKIP_OFF = " (skip-level read off, the default)";
    private static final String SKIP_ON = " (skip-level read on)";

    /** How the callers of plan and person endpoints are described. */
    private record Names(String owner, String manager, String skipLevel, String mentor) {
    }

    private static final Names OF_PLAN = new Names("the plan's owner", "the owner's manager",
            "the owner's manager's manager", "the plan's mentor");
    private static final Names OF_PERSON = new Names("the person themself", "the person's manager",
            "the person's manager's manager", "the mentor of one of their plans");

    /** One organisation's people around one plan, and a second organisation's admin. */
    private record World(String org, String owner, String manager, String skipLevel, String mentor, String colleague,
                         String otherManager, String admin, String planId, String otherOrg, String otherAdmin) {

        String token(String who) {
            return who.equals(manager) || who.equals(skipLevel) || who.equals(otherManager)
                    ? TestTokens.manager(org, who)
                    : who.equals(admin) ? TestTokens.admin(org, who) : TestTokens.employee(org, who);
        }

        String otherAdminToken() {
            return TestTokens.admin(otherOrg, otherAdmin);
        }

        String client(String... scopes) {
            return TestTokens.client(org, "platform-" + scopes[0].replace(':', '-'), scopes);
        }
    }

    @Autowired
    private ConfigurableEnvironment environment;
    @Autowired
    private ObjectMapper json;

    private World w;

    @AfterAll
    static void document() throws Exception {
        MATRIX.verifyAndDocument();
    }

    @BeforeEach
    void anOrganisation() {
        w = new World(newOrgId(), newId(), newId(), newId(), newId(), newId(), newId(), newId(), newId(), newOrgId(),
                newId());
        inDirectory(w.org(), w.skipLevel(), null);
        inDirectory(w.org(), w.manager(), w.skipLevel());
        inDirectory(w.org(), w.owner(), w.manager());
        inDirectory(w.org(), w.mentor(), null);
        inDirectory(w.org(), w.colleague(), w.manager());
        inDirectory(w.org(), w.otherManager(), w.skipLevel());
        inDirectory(w.org(), w.admin(), null);
        inDirectory(w.otherOrg(), w.otherAdmin(), null);
        Plans.store(mongo, w.org(), w.owner(), w.planId(), "ACTIVE", w.mentor(), today(), List.of(
                new Plans.Step("course", "COURSE", "negotiation", 2, today().plusWeeks(2), null),
                new Plans.Step("reading", "READING", "negotiation", 1, today().plusWeeks(3), null),
                new Plans.Step("practice", "PRACTICE", "budgeting", 6, today().plusWeeks(6), null),
                new Plans.Step("mentoring", "MENTORING", "budgeting", 2, today().plusWeeks(8), null)));
        for (String person : List.of(w.owner(), w.colleague())) {
            mongo.insert(new DashboardMember(person, w.org(), "Person " + person, w.manager(), "Delivery", true,
                    Instant.EPOCH, null, null, null));
        }
    }

    // ---- plans and their steps ----

    @Test
    public void readingAPlan() throws Exception {
        String endpoint = "GET /api/progress/plans/{planId}";
        Function<String, MockHttpServletRequestBuilder> read = who -> get("/api/progress/plans/{id}", w.planId());
        relations(endpoint, OF_PLAN, read, 200, 200, 200, 200, 200);
        check(endpoint, "a token signed by an unknown key", 401, read.apply(""),
                TestTokens.foreignSigned(w.org(), w.owner()));
        check(endpoint, "an expired token of the plan's owner", 401, read.apply(""), TestTokens.expired(w.org(), w.owner()));
        check(endpoint, "the owner's id in another organisation's token", 403, read.apply(""),
                TestTokens.employee(w.otherOrg(), w.owner()));
        String left = newId();
        mongo.insert(new PersonView(left, w.org(), "Lou Left", null, false, "lou", null));
        check(endpoint, "a person no longer active in the directory", 403, read.apply(""),
                TestTokens.admin(w.org(), left));
    }

    @Test
    public void listingAPersonsPlans() throws Exception {
        relations("GET /api/progress?personId={personId}", OF_PERSON,
                who -> get("/api/progress").param("personId", w.owner()), 200, 200, 200, 200, 200);
    }

    @Test
    public void startingAndCheckingInAreTheOwners() throws Exception {
        relations("POST /api/progress/plans/{planId}/steps/{stepId}/start", OF_PLAN,
                who -> post("/api/progress/plans/{p}/steps/course/start", w.planId()), 200, 403, 403, 403, 403);
        relations("POST /api/progress/plans/{planId}/steps/{stepId}/check-ins", OF_PLAN,
                who -> post("/api/progress/plans/{p}/steps/course/check-ins", w.planId())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reflection\":\"Read chapter two\"}"),
                200, 403, 403, 403, 403);
    }

    @Test
    public void practiceIsConfirmedByTheManager() throws Exception {
        relations("POST /api/progress/plans/{planId}/steps/{stepId}/confirmation", OF_PLAN,
                who -> post("/api/progress/plans/{p}/steps/practice/confirmation", w.planId())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"note\":\"Saw it done\"}"),
                403, 200, 403, 403, 403);
    }

    @Test
    public void sessionsAreLoggedByTheMentor() throws Exception {
        relations("POST /api/progress/plans/{planId}/steps/{stepId}/mentoring-sessions", OF_PLAN,
                who -> post("/api/progress/plans/{p}/steps/mentoring/mentoring-sessions", w.planId())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"heldOn\":\"" + today() + "\"}"),
                403, 403, 403, 200, 403);
    }

    @Test
    public void stepsAreSkippedByTheOwnerOrTheManager() throws Exception {
        // Each one who may skips a step of their own, so the second skip is not refused as a repeat.
        relations("POST /api/progress/plans/{planId}/steps/{stepId}/skip", OF_PLAN,
                who -> post("/api/progress/plans/{p}/steps/{s}/skip", w.planId(),
                        who.equals(OF_PLAN.manager()) ? "reading" : "course")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"done elsewhere\"}"),
                200, 200, 403, 403, 403);
    }

    // ---- people ----

    @Test
    public void readingAPortfolio() throws Exception {
        relations("GET /api/progress/people/{personId}/portfolio", OF_PERSON,
                who -> get("/api/progress/people/{id}/portfolio", w.owner()), 200, 200, 200, 200, 403);
    }

    @Test
    public void readingAPersonsDashboard() throws Exception {
        relations("GET /api/dashboard/people/{personId}", OF_PERSON,
                who -> get("/api/dashboard/people/{id}", w.owner()), 200, 200, 200, 403, 200);
    }

    @Test
    public void teamsAreTheirManagersAndTheOrganisationIsTheAdmins() throws Exception {
        String endpoint = "GET /api/dashboard/team";
        Supplier<MockHttpServletRequestBuilder> own = () -> get("/api/dashboard/team");
        check(endpoint, NO_TOKEN, 401, own.get(), null);
        check(endpoint, CLIENT, 403, own.get(), w.client("xapi:write"));
        check(endpoint, "an employee", 403, own.get(), w.token(w.colleague()));
        check(endpoint, "a manager", 200, own.get(), w.token(w.manager()));
        check(endpoint, ADMIN, 200, own.get(), w.token(w.admin()));

        endpoint = "GET /api/dashboard/team?managerId={managerId}";
        Supplier<MockHttpServletRequestBuilder> named = () -> get("/api/dashboard/team").param("managerId", w.manager());
        check(endpoint, NO_TOKEN, 401, named.get(), null);
        check(endpoint, CLIENT, 403, named.get(), w.client("xapi:write"));
        check(endpoint, OTHER_ORG_ADMIN, 404, named.get(), w.otherAdminToken());
        check(endpoint, OTHER_MANAGER, 404, named.get(), w.token(w.otherManager()));
        check(endpoint, "a member of the team (no MANAGER role)", 403, named.get(), w.token(w.owner()));
        check(endpoint, "the team's manager's manager" + SKIP_OFF, 403, named.get(), w.token(w.skipLevel()));
        withSkipLevelRead(() -> check("GET /api/dashboard/team?managerId={managerId}",
                "the team's manager's manager" + SKIP_ON, 200, named.get(), w.token(w.skipLevel())));
        check(endpoint, "the team's manager", 200, named.get(), w.token(w.manager()));
        check(endpoint, ADMIN, 200, named.get(), w.token(w.admin()));

        endpoint = "GET /api/dashboard/organisation";
        adminOnly(endpoint, () -> get("/api/dashboard/organisation"), 200);
        adminOnly("GET /api/xapi/statements", () -> get("/api/xapi/statements"), 200);
    }

    // ---- the LRS and its credentials ----

    @Test
    public void lrsCredentialsAreTheAdmins() throws Exception {
        Credential credential = credential();
        String endpoint = "POST /api/lrs-credentials";
        Supplier<MockHttpServletRequestBuilder> create = () -> post("/api/lrs-credentials")
                .contentType(MediaType.APPLICATION_JSON).content("{\"label\":\"Example LMS\"}");
        adminOnly(endpoint, create, 201);
        check(endpoint, "LRS credentials (HTTP Basic)", 401, basic(create.get(), credential), null);

        adminOnly("GET /api/lrs-credentials", () -> get("/api/lrs-credentials"), 200);

        endpoint = "POST /api/lrs-credentials/{key}/revoke";
        Supplier<MockHttpServletRequestBuilder> revoke = () -> post("/api/lrs-credentials/{key}/revoke", credential.key());
        check(endpoint, NO_TOKEN, 401, revoke.get(), null);
        check(endpoint, "the credential itself (HTTP Basic)", 401, basic(revoke.get(), credential), null);
        check(endpoint, CLIENT, 403, revoke.get(), w.client("xapi:write"));
        check(endpoint, "an employee", 403, revoke.get(), w.token(w.colleague()));
        check(endpoint, "a manager", 403, revoke.get(), w.token(w.manager()));
        check(endpoint, OTHER_ORG_ADMIN, 404, revoke.get(), w.otherAdminToken());
        check(endpoint, ADMIN, 200, revoke.get(), w.token(w.admin()));
    }

    @Test
    public void theLrsTakesTheOrganisationsPlatformsOnly() throws Exception {
        Credential credential = credential();
        Credential revoked = credential();
        answer(post("/api/lrs-credentials/{key}/revoke", revoked.key()), w.token(w.admin()));
        Credential wrongSecret = new Credential(credential.key(), credential.secret() + "x");

        String endpoint = "POST /xapi/statements";
        Supplier<MockHttpServletRequestBuilder> send = () -> statement(post("/xapi/statements"), newId());
        lrsRefusals(endpoint, send, revoked, wrongSecret);
        check(endpoint, CLIENT, 200, send.get(), w.client("xapi:write"));
        check(endpoint, "the organisation's LRS credentials (HTTP Basic)", 200, basic(send.get(), credential), null);

        endpoint = "PUT /xapi/statements?statementId={statementId}";
        String id = newId();
        Supplier<MockHttpServletRequestBuilder> store = () -> statement(put("/xapi/statements").param("statementId", id), id);
        lrsRefusals(endpoint, store, revoked, wrongSecret);
        check(endpoint, CLIENT, 204, store.get(), w.client("xapi:write"));
        check(endpoint, "the organisation's LRS credentials (HTTP Basic)", 204, basic(store.get(), credential), null);
        StoredStatement ours = mongo.findById(StoredStatement.idOf(w.org(), id), StoredStatement.class);
        // Statement ids are the senders' choice: another organisation's may collide, and stays its own.
        check(endpoint, "another organisation's client with xapi:write, the same statement id", 204, store.get(),
                TestTokens.client(w.otherOrg(), "platform", "xapi:write"));
        assertThat(mongo.findById(StoredStatement.idOf(w.org(), id), StoredStatement.class)).isEqualTo(ours);
        assertThat(mongo.findById(StoredStatement.idOf(w.otherOrg(), id), StoredStatement.class).orgId())
                .isEqualTo(w.otherOrg());

        endpoint = "GET /xapi/statements?statementId={statementId}";
        Supplier<MockHttpServletRequestBuilder> read = () -> get("/xapi/statements").param("statementId", id)
                .header(VERSION, "1.0.3");
        lrsRefusals(endpoint, read, revoked, wrongSecret);
        check(endpoint, "another organisation's client with xapi:write", 404, read.get(),
                TestTokens.client(newOrgId(), "platform", "xapi:write"));
        check(endpoint, CLIENT, 200, read.get(), w.client("xapi:write"));
        check(endpoint, "the organisation's LRS credentials (HTTP Basic)", 200, basic(read.get(), credential), null);
    }

    // ---- the platform ----

    @Test
    public void deadLettersAreForThePlatformOperatorAndActuatorShowsHealthOnly() throws Exception {
        String operator = TestTokens.client("platform", "ops", "ops:admin");
        for (Map.Entry<String, Supplier<MockHttpServletRequestBuilder>> e : Map.<String, Supplier<MockHttpServletRequestBuilder>>of(
                "GET /api/admin/dead-letters", () -> get("/api/admin/dead-letters"),
                "GET /api/admin/dead-letters/{topic}", () -> get("/api/admin/dead-letters/{t}",
                        "skillpath.plan.v1.progress-service.dlt")).entrySet()) {
            check(e.getKey(), NO_TOKEN, 401, e.getValue().get(), null);
            check(e.getKey(), ADMIN, 403, e.getValue().get(), w.token(w.admin()));
            check(e.getKey(), CLIENT, 403, e.getValue().get(), w.client("xapi:write"));
            check(e.getKey(), "the platform operator (ops:admin)", 200, e.getValue().get(), operator);
        }
        String replay = "POST /api/admin/dead-letters/{topic}/{partition}/{offset}/replay";
        Supplier<MockHttpServletRequestBuilder> replayOne = () -> post("/api/admin/dead-letters/{t}/0/0/replay",
                "skillpath.plan.v1.progress-service.dlt");
        check(replay, NO_TOKEN, 401, replayOne.get(), null);
        check(replay, ADMIN, 403, replayOne.get(), w.token(w.admin()));

        check("GET /actuator/health", NO_TOKEN, 200, get("/actuator/health"), null);
        check("GET /actuator/prometheus", NO_TOKEN, 200, get("/actuator/prometheus"), null);
        check("GET /actuator/env", NO_TOKEN, 401, get("/actuator/env"), null);
        check("GET /actuator/env", ADMIN, 404, get("/actuator/env"), w.token(w.admin()));
    }

    // ---- helpers ----

    /**
     * One endpoint about the owner's plan or person, as every kind of caller: the fixed answers for those with no
     * relation, and the given ones for the owner, the manager, the skip-level manager (with skip-level read on),
     * the mentor and an L&D admin. Refusals go first, since the allowed calls change the plan.
     */
    private void relations(String endpoint, Names names, Function<String, MockHttpServletRequestBuilder> request,
                           int owner, int manager, int skipLevelOn, int mentor, int admin) throws Exception {
        check(endpoint, NO_TOKEN, 401, request.apply(NO_TOKEN), null);
        check(endpoint, CLIENT, 403, request.apply(CLIENT), w.client("xapi:write"));
        check(endpoint, OTHER_ORG_ADMIN, 404, request.apply(OTHER_ORG_ADMIN), w.otherAdminToken());
        check(endpoint, COLLEAGUE, 404, request.apply(COLLEAGUE), w.token(w.colleague()));
        check(endpoint, OTHER_MANAGER, 404, request.apply(OTHER_MANAGER), w.token(w.otherManager()));
        check(endpoint, names.skipLevel() + SKIP_OFF, 404, request.apply(names.skipLevel()), w.token(w.skipLevel()));
        record Varying(String caller, int expected, String token, boolean skipLevelRead) {
        }
        List<Varying> varying = new ArrayList<>(List.of(
                new Varying(names.owner(), owner, w.token(w.owner()), false),
                new Varying(names.manager(), manager, w.token(w.manager()), false),
                new Varying(names.skipLevel() + SKIP_ON, skipLevelOn, w.token(w.skipLevel()), true),
                new Varying(names.mentor(), mentor, w.token(w.mentor()), false),
                new Varying(ADMIN, admin, w.token(w.admin()), false)));
        varying.sort(Comparator.comparing(v -> v.expected() < 300));
        for (Varying v : varying) {
            String who = v.caller().equals(names.skipLevel() + SKIP_ON) ? names.skipLevel() : v.caller();
            if (v.skipLevelRead()) {
                withSkipLevelRead(() -> check(endpoint, v.caller(), v.expected(), request.apply(who), v.token()));
            } else {
                check(endpoint, v.caller(), v.expected(), request.apply(who), v.token());
            }
        }
    }

    /** An L&D admin's endpoint: refused to everyone else. */
    private void adminOnly(String endpoint, Supplier<MockHttpServletRequestBuilder> request, int allowed) {
        check(endpoint, NO_TOKEN, 401, request.get(), null);
        check(endpoint, CLIENT, 403, request.get(), w.client("xapi:write"));
        check(endpoint, "an employee", 403, request.get(), w.token(w.colleague()));
        check(endpoint, "a manager", 403, request.get(), w.token(w.manager()));
        check(endpoint, ADMIN, allowed, request.get(), w.token(w.admin()));
    }

    private void lrsRefusals(String endpoint, Supplier<MockHttpServletRequestBuilder> request, Credential revoked,
                             Credential wrongSecret) {
        check(endpoint, "no token or credentials", 401, request.get(), null);
        check(endpoint, "revoked LRS credentials", 401, basic(request.get(), revoked), null);
        check(endpoint, "LRS credentials with a wrong secret", 401, basic(request.get(), wrongSecret), null);
        check(endpoint, "a client with people:write", 403, request.get(), w.client("people:write"));
        check(endpoint, ADMIN, 403, request.get(), w.token(w.admin()));
    }

    private void check(String endpoint, String caller, int expected, MockHttpServletRequestBuilder request,
                       String token) {
        MATRIX.check(endpoint, caller, expected, () -> mvc.perform(token == null ? request : request.with(bearer(token)))
                .andReturn().getResponse().getStatus());
    }

    private interface Step {
        void run() throws Exception;
    }

    private void withSkipLevelRead(Step step) throws Exception {
        MapPropertySource on = new MapPropertySource("skip-level-read-on", Map.of(Access.SKIP_LEVEL_READ, "true"));
        environment.getPropertySources().addFirst(on);
        try {
            step.run();
        } finally {
            environment.getPropertySources().remove(on.getName());
        }
    }

    private record Credential(String key, String secret) {
    }

    /** A new LRS credential of the organisation, created by its admin. */
    private Credential credential() throws Exception {
        JsonNode issued = json.readTree(answer(post("/api/lrs-credentials").contentType(MediaType.APPLICATION_JSON)
                .content("{\"label\":\"Example LMS\"}"), w.token(w.admin())));
        return new Credential(issued.get("key").asString(), issued.get("secret").asString());
    }

    private String answer(MockHttpServletRequestBuilder request, String token) throws Exception {
        return mvc.perform(request.with(bearer(token))).andReturn().getResponse().getContentAsString();
    }

    private static MockHttpServletRequestBuilder basic(MockHttpServletRequestBuilder request, Credential credential) {
        return request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (credential.key() + ":" + credential.secret()).getBytes(StandardCharsets.UTF_8)));
    }

    private MockHttpServletRequestBuilder statement(MockHttpServletRequestBuilder request, String id) {
        return request.header(VERSION, "1.0.3").contentType(MediaType.APPLICATION_JSON)
                .content(XapiStatements.statement(id, LMS, "user-" + w.owner().substring(0, 8), XapiStatements.ATTEMPTED,
                        "https://lms.example.com/activities/unplanned"));
    }
}
