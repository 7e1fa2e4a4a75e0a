package org.skillpath.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skillpath.kit.test.TestTokens.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.skillpath.assessment.security.AllowedCallers;
import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.kit.test.AccessMatrix;
import org.skillpath.kit.test.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who may do what, through the real filter chain with real signed tokens: every endpoint of the service is
 * called by every kind of caller that matters, and the statuses fill one {@link AccessMatrix}, which fails on any
 * broken rule and must equal docs/access/assessment-service.md. Rater anonymity is proven for the person, their
 * manager and L&D admins alike. Written once; run on the embedded infrastructure and, where Docker exists, on
 * Testcontainers.
 */
@SpringBootTest(properties = {
        // The hop test's context consumes the progress topic in the same consumer group; this one must not
        // take its partitions (no test here needs a consumer).
        "spring.cloud.stream.bindings.progressEvents-in-0.consumer.auto-startup=false",
        "skillpath.limits.mass-actions.people-import-per-minute=" + AccessRulesContract.IMPORTS_PER_MINUTE})
@AutoConfigureMockMvc
abstract class AccessRulesContract {

    static final int IMPORTS_PER_MINUTE = 5;

    static final AccessMatrix MATRIX = new AccessMatrix("assessment-service", """
            assessment-service keeps the people directory, skill frameworks and role profiles, and assessments. The
            caller and the organisation come from the bearer token; every query is confined to the token's
            organisation, so another organisation's ids are never found (404). A person the caller may not see is
            answered 404, like a missing one; a visible resource with a forbidden action, or a missing role or scope,
            is 403 with a problem detail naming what is required.

            - People (`/api/people`, SCIM `/scim/v2/Users`, bulk import): L&D admins and the HR system (a client with
              `people:write`) keep the directory; clients with `people:read` read it. A person reads their own entry
              and may change their own locale, time zone and mentoring opt-in; a manager reads their direct
              reports, and their reports' reports only with `skillpath.access.skip-level-read` (off by default, and
              here).
            - Frameworks and role profiles (IMS CASE import/export included): read by everyone of the organisation,
              written by L&D admins and clients with `frameworks:write`.
            - Assessments: a 360 is requested by the person, their manager or an L&D admin; recording a complete
              set of ratings at once and closing early are for L&D admins. Results (scores, gaps, growth, comments
              by rater group) are for the person, their manager and L&D admins, and do not exist for anyone else.
              An invitation exists only for its rater: nobody else, L&D admins included, can read or answer it,
              and no answer of any caller names a rater. Integration clients have no access to assessments.
            - Requesting assessments, bulk imports and CASE imports are limited per organisation (429 with
              Retry-After); callers who may not use them at all are refused before the budget is charged.
            - Dead letters hold every organisation's records and are for the platform operator (`ops:admin`) alone.
            """);

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @AfterAll
    static void document() throws Exception {
        MATRIX.verifyAndDocument();
    }

    // ---- the people directory ----

    @Test
    void peopleAreKeptByHrAndAdminsAndSeenByThemselvesAndTheirManager() throws Exception {
        Org o = org();
        String one = "/api/people/{id}";
        Supplier<MockHttpServletRequestBuilder> read = () -> get("/api/people/{id}", o.alice);
        check("GET " + one, "no token", 401, null, read);
        check("GET " + one, "a token signed by an unknown key", 401, TestTokens.foreignSigned(o.id, o.alice), read);
        check("GET " + one, "an expired token of the person themselves", 401, TestTokens.expired(o.id, o.alice), read);
        check("GET " + one, "the person themselves", 200, o.person(o.alice), read);
        check("GET " + one, "the person's manager", 200, o.person(o.mona), read);
        check("GET " + one, "the manager's manager (skip-level read off)", 404, o.person(o.boss), read);
        check("GET " + one, "another employee", 404, o.person(o.eve), read);
        check("GET " + one, "the person's own report", 404, o.person(o.rob), read);
        check("GET " + one, "an L&D admin", 200, o.admin(), read);
        check("GET " + one, "a client with people:read", 200, o.client("people:read"), read);
        check("GET " + one, "a client with people:write", 200, o.client("people:write"), read);
        check("GET " + one, "a client with catalog:write", 403, o.client("catalog:write"), read);
        check("GET " + one, "another organisation's admin", 404, otherOrgAdmin(), read);
        check("GET " + one, "another organisation's person with the same id", 404, TestTokens.employee(otherOrg(), o.alice), read);
        check("GET " + one, "another organisation's client with people:read", 404, TestTokens.client(otherOrg(), "hr", "people:read"), read);

        String entry = personDetails(o, o.alice);
        Supplier<MockHttpServletRequestBuilder> replace = () -> put("/api/people/{id}", o.alice)
                .contentType(MediaType.APPLICATION_JSON).content(entry);
        String ownPreferences = entry.replace("\"mentorOptIn\":false", "\"mentorOptIn\":true").replace("\"locale\":\"en\"", "\"locale\":\"de\"");
        String newManager = entry.replace("\"managerId\":\"" + o.mona + "\"", "\"managerId\":\"" + o.eve + "\"");
        check("PUT " + one, "no token", 401, null, replace);
        check("PUT " + one, "the person themselves, changing only their locale, time zone or mentoring opt-in", 200, o.person(o.alice),
                () -> put("/api/people/{id}", o.alice).contentType(MediaType.APPLICATION_JSON).content(ownPreferences));
        check("PUT " + one, "the person themselves, changing anything else (e.g. their manager)", 403, o.person(o.alice),
                () -> put("/api/people/{id}", o.alice).contentType(MediaType.APPLICATION_JSON).content(newManager));
        check("PUT " + one, "the person's manager", 403, o.person(o.mona), replace);
        check("PUT " + one, "another employee", 404, o.person(o.eve), replace);
        check("PUT " + one, "an L&D admin", 200, o.admin(), replace);
        check("PUT " + one, "a client with people:write", 200, o.client("people:write"), replace);
        check("PUT " + one, "a client with people:read", 403, o.client("people:read"), replace);
        check("PUT " + one, "another organisation's admin", 404, otherOrgAdmin(), replace);
        check("PUT " + one, "another organisation's person with the same id", 404, TestTokens.employee(otherOrg(), o.alice), replace);

        Supplier<MockHttpServletRequestBuilder> eraseT1 = () -> delete("/api/people/{id}", o.temps.get(0));
        check("DELETE " + one, "no token", 401, null, eraseT1);
        check("DELETE " + one, "the person themselves", 403, o.person(o.temps.get(0)), eraseT1);
        check("DELETE " + one, "the person's manager", 403, o.person(o.mona), eraseT1);
        check("DELETE " + one, "another employee", 403, o.person(o.eve), eraseT1);
        check("DELETE " + one, "a client with people:read", 403, o.client("people:read"), eraseT1);
        check("DELETE " + one, "another organisation's admin", 404, otherOrgAdmin(), eraseT1);
        check("DELETE " + one, "an L&D admin", 204, o.admin(), eraseT1);
        check("DELETE " + one, "a client with people:write", 204, o.client("people:write"),
                () -> delete("/api/people/{id}", o.temps.get(1)));

        Supplier<MockHttpServletRequestBuilder> list = () -> get("/api/people");
        check("GET /api/people", "no token", 401, null, list);
        check("GET /api/people", "an employee", 403, o.person(o.eve), list);
        check("GET /api/people", "a manager", 403, o.person(o.mona), list);
        check("GET /api/people", "an L&D admin", 200, o.admin(), list);
        check("GET /api/people", "a client with people:read", 200, o.client("people:read"), list);
        check("GET /api/people", "a client with people:write", 200, o.client("people:write"), list);
        check("GET /api/people", "a client with catalog:write", 403, o.client("catalog:write"), list);

        Supplier<MockHttpServletRequestBuilder> create = () -> post("/api/people").contentType(MediaType.APPLICATION_JSON)
                .content(newPerson());
        check("POST /api/people", "no token", 401, null, create);
        check("POST /api/people", "an employee", 403, o.person(o.eve), create);
        check("POST /api/people", "a manager", 403, o.person(o.mona), create);
        check("POST /api/people", "an L&D admin", 201, o.admin(), create);
        check("POST /api/people", "a client with people:write", 201, o.client("people:write"), create);
        check("POST /api/people", "a client with people:read", 403, o.client("people:read"), create);

        Supplier<MockHttpServletRequestBuilder> load = () -> post("/api/people/import").contentType(MediaType.APPLICATION_JSON)
                .content("[" + newPerson() + "]");
        check("POST /api/people/import", "no token", 401, null, load);
        check("POST /api/people/import", "an employee", 403, o.person(o.eve), load);
        check("POST /api/people/import", "a manager", 403, o.person(o.mona), load);
        check("POST /api/people/import", "an L&D admin", 200, o.admin(), load);
        check("POST /api/people/import", "a client with people:write", 200, o.client("people:write"), load);
        check("POST /api/people/import", "a client with people:read", 403, o.client("people:read"), load);
    }

    @Test
    void scimIsForTheProvisioningClientAndAdminsWithTheSameReadRulesAsTheDirectory() throws Exception {
        Org o = org();
        String one = "/scim/v2/Users/{id}";
        Supplier<MockHttpServletRequestBuilder> read = () -> get("/scim/v2/Users/{id}", o.alice);
        check("GET " + one, "no token", 401, null, read);
        check("GET " + one, "the person themselves", 200, o.person(o.alice), read);
        check("GET " + one, "the person's manager", 200, o.person(o.mona), read);
        check("GET " + one, "the manager's manager (skip-level read off)", 404, o.person(o.boss), read);
        check("GET " + one, "another employee", 404, o.person(o.eve), read);
        check("GET " + one, "an L&D admin", 200, o.admin(), read);
        check("GET " + one, "a client with people:read", 200, o.client("people:read"), read);
        check("GET " + one, "a client with people:write", 200, o.client("people:write"), read);
        check("GET " + one, "a client with frameworks:write", 403, o.client("frameworks:write"), read);
        check("GET " + one, "another organisation's client with people:write", 404, TestTokens.client(otherOrg(), "hr", "people:write"), read);
        check("GET " + one, "another organisation's person with the same id", 404, TestTokens.employee(otherOrg(), o.alice), read);

        String resource = body(mvc.perform(get("/scim/v2/Users/{id}", o.alice).with(bearer(o.client("people:write")))));
        Supplier<MockHttpServletRequestBuilder> replace = () -> put("/scim/v2/Users/{id}", o.alice)
                .contentType("application/scim+json").content(resource);
        String patchBody = """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                  {"op":"add","value":{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales"}}}]}
                """;
        Supplier<MockHttpServletRequestBuilder> amend = () -> patch("/scim/v2/Users/{id}", o.alice)
                .contentType("application/scim+json").content(patchBody);
        for (var write : List.of(Map.entry("PUT " + one, replace), Map.entry("PATCH " + one, amend))) {
            check(write.getKey(), "no token", 401, null, write.getValue());
            check(write.getKey(), "the person themselves", 403, o.person(o.alice), write.getValue());
            check(write.getKey(), "the person's manager", 403, o.person(o.mona), write.getValue());
            check(write.getKey(), "another employee", 403, o.person(o.eve), write.getValue());
            check(write.getKey(), "an L&D admin", 200, o.admin(), write.getValue());
            check(write.getKey(), "a client with people:write", 200, o.client("people:write"), write.getValue());
            check(write.getKey(), "a client with people:read", 403, o.client("people:read"), write.getValue());
            check(write.getKey(), "another organisation's admin", 404, otherOrgAdmin(), write.getValue());
            check(write.getKey(), "another organisation's client with people:write", 404,
                    TestTokens.client(otherOrg(), "hr", "people:write"), write.getValue());
        }

        Supplier<MockHttpServletRequestBuilder> deprovision = () -> delete("/scim/v2/Users/{id}", o.temps.get(2));
        check("DELETE " + one, "no token", 401, null, deprovision);
        check("DELETE " + one, "the person themselves", 403, o.person(o.temps.get(2)), deprovision);
        check("DELETE " + one, "the person's manager", 403, o.person(o.mona), deprovision);
        check("DELETE " + one, "a client with people:read", 403, o.client("people:read"), deprovision);
        check("DELETE " + one, "another organisation's client with people:write", 404,
                TestTokens.client(otherOrg(), "hr", "people:write"), deprovision);
        check("DELETE " + one, "a client with people:write", 204, o.client("people:write"), deprovision);
        check("DELETE " + one, "an L&D admin", 204, o.admin(), () -> delete("/scim/v2/Users/{id}", o.temps.get(3)));

        Supplier<MockHttpServletRequestBuilder> list = () -> get("/scim/v2/Users");
        check("GET /scim/v2/Users", "no token", 401, null, list);
        check("GET /scim/v2/Users", "an employee", 403, o.person(o.eve), list);
        check("GET /scim/v2/Users", "an L&D admin", 200, o.admin(), list);
        check("GET /scim/v2/Users", "a client with people:read", 200, o.client("people:read"), list);
        check("GET /scim/v2/Users", "a client with people:write", 200, o.client("people:write"), list);
        check("GET /scim/v2/Users", "a client with frameworks:write", 403, o.client("frameworks:write"), list);

        Supplier<MockHttpServletRequestBuilder> provision = () -> post("/scim/v2/Users").contentType("application/scim+json")
                .content(scimUser());
        check("POST /scim/v2/Users", "no token", 401, null, provision);
        check("POST /scim/v2/Users", "an employee", 403, o.person(o.eve), provision);
        check("POST /scim/v2/Users", "an L&D admin", 201, o.admin(), provision);
        check("POST /scim/v2/Users", "a client with people:write", 201, o.client("people:write"), provision);
        check("POST /scim/v2/Users", "a client with people:read", 403, o.client("people:read"), provision);
    }

    // ---- frameworks and role profiles ----

    @Test
    void frameworksAreReadByEveryoneOfTheOrganisationAndWrittenByAdminsAndImportClients() throws Exception {
        Org o = org();
        String fw = "acc-" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/api/frameworks").with(bearer(o.admin())).contentType(MediaType.APPLICATION_JSON)
                .content(framework(fw))).andExpect(status().isCreated());
        for (String v : List.of("2", "3")) {
            mvc.perform(post("/api/frameworks/{id}/versions", fw).with(bearer(o.admin())).contentType(MediaType.APPLICATION_JSON)
                    .content(framework(null))).andExpect(status().isCreated()).andExpect(jsonPath("$.version").value(Integer.parseInt(v)));
        }
        String exported = body(mvc.perform(get("/api/frameworks/{id}/versions/1/case", fw).with(bearer(o.admin()))));

        for (var read : List.<Map.Entry<String, Supplier<MockHttpServletRequestBuilder>>>of(
                Map.entry("GET /api/frameworks", () -> get("/api/frameworks")),
                Map.entry("GET /api/frameworks/default", () -> get("/api/frameworks/default")))) {
            check(read.getKey(), "no token", 401, null, read.getValue());
            check(read.getKey(), "an employee", 200, o.person(o.eve), read.getValue());
            check(read.getKey(), "an L&D admin", 200, o.admin(), read.getValue());
            check(read.getKey(), "a client with frameworks:write", 200, o.client("frameworks:write"), read.getValue());
            check(read.getKey(), "a client with people:write", 403, o.client("people:write"), read.getValue());
        }
        for (var read : List.<Map.Entry<String, Supplier<MockHttpServletRequestBuilder>>>of(
                Map.entry("GET /api/frameworks/{id}", () -> get("/api/frameworks/{id}", fw)),
                Map.entry("GET /api/frameworks/{id}/versions/{version}", () -> get("/api/frameworks/{id}/versions/1", fw)),
                Map.entry("GET /api/frameworks/{id}/versions/{version}/case", () -> get("/api/frameworks/{id}/versions/1/case", fw)))) {
            check(read.getKey(), "no token", 401, null, read.getValue());
            check(read.getKey(), "an employee", 200, o.person(o.eve), read.getValue());
            check(read.getKey(), "a manager", 200, o.person(o.mona), read.getValue());
            check(read.getKey(), "an L&D admin", 200, o.admin(), read.getValue());
            check(read.getKey(), "a client with frameworks:write", 200, o.client("frameworks:write"), read.getValue());
            check(read.getKey(), "a client with people:read", 403, o.client("people:read"), read.getValue());
            check(read.getKey(), "another organisation's admin", 404, otherOrgAdmin(), read.getValue());
            check(read.getKey(), "another organisation's client with frameworks:write", 404,
                    TestTokens.client(otherOrg(), "lms", "frameworks:write"), read.getValue());
        }

        Supplier<MockHttpServletRequestBuilder> create = () -> post("/api/frameworks").contentType(MediaType.APPLICATION_JSON)
                .content(framework("acc-" + UUID.randomUUID().toString().substring(0, 8)));
        check("POST /api/frameworks", "no token", 401, null, create);
        check("POST /api/frameworks", "an employee", 403, o.person(o.eve), create);
        check("POST /api/frameworks", "a manager", 403, o.person(o.mona), create);
        check("POST /api/frameworks", "an L&D admin", 201, o.admin(), create);
        check("POST /api/frameworks", "a client with frameworks:write", 201, o.client("frameworks:write"), create);
        check("POST /api/frameworks", "a client with people:write", 403, o.client("people:write"), create);

        String versions = "POST /api/frameworks/{id}/versions";
        Supplier<MockHttpServletRequestBuilder> version = () -> post("/api/frameworks/{id}/versions", fw)
                .contentType(MediaType.APPLICATION_JSON).content(framework(null));
        check(versions, "no token", 401, null, version);
        check(versions, "an employee", 403, o.person(o.eve), version);
        check(versions, "an L&D admin", 201, o.admin(), version);
        check(versions, "a client with frameworks:write", 201, o.client("frameworks:write"), version);
        check(versions, "a client with people:write", 403, o.client("people:write"), version);
        check(versions, "another organisation's admin", 404, otherOrgAdmin(), version);
        check(versions, "another organisation's client with frameworks:write", 404,
                TestTokens.client(otherOrg(), "lms", "frameworks:write"), version);

        String retire = "POST /api/frameworks/{id}/versions/{version}/retire";
        Supplier<MockHttpServletRequestBuilder> retireV2 = () -> post("/api/frameworks/{id}/versions/2/retire", fw);
        check(retire, "no token", 401, null, retireV2);
        check(retire, "an employee", 403, o.person(o.eve), retireV2);
        check(retire, "a client with people:write", 403, o.client("people:write"), retireV2);
        check(retire, "another organisation's admin", 404, otherOrgAdmin(), retireV2);
        check(retire, "an L&D admin", 200, o.admin(), retireV2);
        check(retire, "a client with frameworks:write", 200, o.client("frameworks:write"),
                () -> post("/api/frameworks/{id}/versions/3/retire", fw));

        Supplier<MockHttpServletRequestBuilder> importCase = () -> post("/api/frameworks/case")
                .param("frameworkId", "acc-" + UUID.randomUUID().toString().substring(0, 8))
                .contentType(MediaType.APPLICATION_JSON).content(exported);
        check("POST /api/frameworks/case", "no token", 401, null, importCase);
        check("POST /api/frameworks/case", "an employee", 403, o.person(o.eve), importCase);
        check("POST /api/frameworks/case", "an L&D admin", 201, o.admin(), importCase);
        check("POST /api/frameworks/case", "a client with frameworks:write", 201, o.client("frameworks:write"), importCase);
        check("POST /api/frameworks/case", "a client with people:write", 403, o.client("people:write"), importCase);
    }

    @Test
    void roleProfilesAreReadByEveryoneOfTheOrganisationAndWrittenByAdminsAndImportClients() throws Exception {
        Org o = org();
        String rp = "acc-" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/api/role-profiles").with(bearer(o.admin())).contentType(MediaType.APPLICATION_JSON)
                .content(roleProfile(rp))).andExpect(status().isCreated());
        for (int v = 2; v <= 3; v++) {
            mvc.perform(post("/api/role-profiles/{id}/versions", rp).with(bearer(o.admin())).contentType(MediaType.APPLICATION_JSON)
                    .content(roleProfile(null))).andExpect(status().isCreated()).andExpect(jsonPath("$.version").value(v));
        }

        Supplier<MockHttpServletRequestBuilder> list = () -> get("/api/role-profiles");
        check("GET /api/role-profiles", "no token", 401, null, list);
        check("GET /api/role-profiles", "an employee", 200, o.person(o.eve), list);
        check("GET /api/role-profiles", "an L&D admin", 200, o.admin(), list);
        check("GET /api/role-profiles", "a client with frameworks:write", 200, o.client("frameworks:write"), list);
        check("GET /api/role-profiles", "a client with people:write", 403, o.client("people:write"), list);
        for (var read : List.<Map.Entry<String, Supplier<MockHttpServletRequestBuilder>>>of(
                Map.entry("GET /api/role-profiles/{id}", () -> get("/api/role-profiles/{id}", rp)),
                Map.entry("GET /api/role-profiles/{id}/versions/{version}", () -> get("/api/role-profiles/{id}/versions/1", rp)))) {
            check(read.getKey(), "no token", 401, null, read.getValue());
            check(read.getKey(), "an employee", 200, o.person(o.eve), read.getValue());
            check(read.getKey(), "a manager", 200, o.person(o.mona), read.getValue());
            check(read.getKey(), "an L&D admin", 200, o.admin(), read.getValue());
            check(read.getKey(), "a client with frameworks:write", 200, o.client("frameworks:write"), read.getValue());
            check(read.getKey(), "a client with people:read", 403, o.client("people:read"), read.getValue());
            check(read.getKey(), "another organisation's admin", 404, otherOrgAdmin(), read.getValue());
        }

        Supplier<MockHttpServletRequestBuilder> create = () -> post("/api/role-profiles").contentType(MediaType.APPLICATION_JSON)
                .content(roleProfile("acc-" + UUID.randomUUID().toString().substring(0, 8)));
        check("POST /api/role-profiles", "no token", 401, null, create);
        check("POST /api/role-profiles", "an employee", 403, o.person(o.eve), create);
        check("POST /api/role-profiles", "a manager", 403, o.person(o.mona), create);
        check("POST /api/role-profiles", "an L&D admin", 201, o.admin(), create);
        check("POST /api/role-profiles", "a client with frameworks:write", 201, o.client("frameworks:write"), create);
        check("POST /api/role-profiles", "a client with people:write", 403, o.client("people:write"), create);

        String versions = "POST /api/role-profiles/{id}/versions";
        Supplier<MockHttpServletRequestBuilder> version = () -> post("/api/role-profiles/{id}/versions", rp)
                .contentType(MediaType.APPLICATION_JSON).content(roleProfile(null));
        check(versions, "no token", 401, null, version);
        check(versions, "an employee", 403, o.person(o.eve), version);
        check(versions, "an L&D admin", 201, o.admin(), version);
        check(versions, "a client with frameworks:write", 201, o.client("frameworks:write"), version);
        check(versions, "a client with people:write", 403, o.client("people:write"), version);
        check(versions, "another organisation's admin", 404, otherOrgAdmin(), version);

        String retire = "POST /api/role-profiles/{id}/versions/{version}/retire";
        Supplier<MockHttpServletRequestBuilder> retireV2 = () -> post("/api/role-profiles/{id}/versions/2/retire", rp);
        check(retire, "no token", 401, null, retireV2);
        check(retire, "an employee", 403, o.person(o.eve), retireV2);
        check(retire, "a client with people:write", 403, o.client("people:write"), retireV2);
        check(retire, "another organisation's admin", 404, otherOrgAdmin(), retireV2);
        check(retire, "an L&D admin", 200, o.admin(), retireV2);
        check(retire, "a client with frameworks:write", 200, o.client("frameworks:write"),
                () -> post("/api/role-profiles/{id}/versions/3/retire", rp));
    }

    // ---- assessments ----

    @Test
    void aThreeSixtyIsRequestedByThePersonTheirManagerOrAnAdminAndRecordedAtOnceByAdminsOnly() throws Exception {
        Org o = org();
        String endpoint = "POST /api/assessment-requests";
        Supplier<MockHttpServletRequestBuilder> forAlice = () -> post("/api/assessment-requests")
                .contentType(MediaType.APPLICATION_JSON).content(request360(o));
        check(endpoint, "no token", 401, null, forAlice);
        check(endpoint, "the person to be assessed", 201, o.person(o.alice), forAlice);
        check(endpoint, "the person's manager", 201, o.person(o.mona), forAlice);
        check(endpoint, "the manager's manager", 403, o.person(o.boss), forAlice);
        check(endpoint, "another employee", 403, o.person(o.eve), forAlice);
        check(endpoint, "the person's own report", 403, o.person(o.rob), forAlice);
        check(endpoint, "an L&D admin", 201, o.admin(), forAlice);
        check(endpoint, "a client with people:write", 403, o.client("people:write"), forAlice);
        // The body names a person; in another organisation there is none by that id.
        check(endpoint, "another organisation's admin (names a person unknown there)", 422, otherOrgAdmin(), forAlice);
        check(endpoint, "another organisation's person with the same id (unknown there)", 422,
                TestTokens.employee(otherOrg(), o.alice), forAlice);

        String quick = "POST /api/assessments";
        Supplier<MockHttpServletRequestBuilder> ratings = () -> post("/api/assessments").contentType(MediaType.APPLICATION_JSON)
                .content(quickPath(o));
        check(quick, "no token", 401, null, ratings);
        check(quick, "the person assessed", 403, o.person(o.alice), ratings);
        check(quick, "the person's manager", 403, o.person(o.mona), ratings);
        check(quick, "an L&D admin", 201, o.admin(), ratings);
        check(quick, "a client with people:write", 403, o.client("people:write"), ratings);
    }

    @Test
    void resultsAreForThePersonTheirManagerAndAdminsAndInvisibleToEveryoneElse() throws Exception {
        Org o = org();
        String id = completed360(o);
        String one = "GET /api/assessments/{id}";
        Supplier<MockHttpServletRequestBuilder> read = () -> get("/api/assessments/{id}", id);
        check(one, "no token", 401, null, read);
        check(one, "the person assessed", 200, o.person(o.alice), read);
        check(one, "the person's manager", 200, o.person(o.mona), read);
        check(one, "the manager's manager (skip-level read off)", 404, o.person(o.boss), read);
        check(one, "a peer who rated it", 404, o.person(o.peers.get(0)), read);
        check(one, "the person's report who rated it", 404, o.person(o.rob), read);
        check(one, "another employee", 404, o.person(o.eve), read);
        check(one, "an L&D admin", 200, o.admin(), read);
        check(one, "a client with people:read", 403, o.client("people:read"), read);
        check(one, "another organisation's admin", 404, otherOrgAdmin(), read);
        check(one, "another organisation's person with the same id", 404, TestTokens.employee(otherOrg(), o.alice), read);

        String list = "GET /api/assessments?personId={id}";
        Supplier<MockHttpServletRequestBuilder> ofAlice = () -> get("/api/assessments").param("personId", o.alice);
        check(list, "no token", 401, null, ofAlice);
        check(list, "the person assessed", 200, o.person(o.alice), ofAlice);
        check(list, "the person's manager", 200, o.person(o.mona), ofAlice);
        check(list, "the manager's manager (skip-level read off)", 404, o.person(o.boss), ofAlice);
        check(list, "a peer who rated", 404, o.person(o.peers.get(0)), ofAlice);
        check(list, "another employee", 404, o.person(o.eve), ofAlice);
        check(list, "an L&D admin", 200, o.admin(), ofAlice);
        check(list, "a client with people:read", 403, o.client("people:read"), ofAlice);
        check(list, "another organisation's admin", 404, otherOrgAdmin(), ofAlice);
        check(list, "another organisation's person with the same id", 404, TestTokens.employee(otherOrg(), o.alice), ofAlice);

        String close = "POST /api/assessments/{id}/close";
        String open = requested(o, o.admin());
        Supplier<MockHttpServletRequestBuilder> closeOpen = () -> post("/api/assessments/{id}/close", open);
        check(close, "no token", 401, null, closeOpen);
        check(close, "the person assessed", 403, o.person(o.alice), closeOpen);
        check(close, "the person's manager", 403, o.person(o.mona), closeOpen);
        check(close, "another employee", 403, o.person(o.eve), closeOpen);
        check(close, "a client with people:write", 403, o.client("people:write"), closeOpen);
        check(close, "another organisation's admin", 404, otherOrgAdmin(), closeOpen);
        check(close, "an L&D admin", 200, o.admin(), closeOpen);
    }

    @Test
    void anInvitationExistsOnlyForItsRater() throws Exception {
        Org o = org();
        String id = requested(o, o.person(o.mona));
        String p1 = o.peers.get(0);
        String invitation = DeterministicIds.of("invitation", id, p1);
        String answers = answers(o.person(p1), id, invitation, Map.of());
        String ask = "GET /api/assessments/{id}/invitations/{invitationId}";
        String answer = "PUT /api/assessments/{id}/invitations/{invitationId}/response";
        Supplier<MockHttpServletRequestBuilder> questionnaire = () -> get("/api/assessments/{id}/invitations/{inv}", id, invitation);
        Supplier<MockHttpServletRequestBuilder> response = () -> put("/api/assessments/{id}/invitations/{inv}/response", id, invitation)
                .contentType(MediaType.APPLICATION_JSON).content(answers);
        for (var e : List.of(Map.entry(ask, questionnaire), Map.entry(answer, response))) {
            check(e.getKey(), "no token", 401, null, e.getValue());
            check(e.getKey(), "the invited rater", 200, o.person(p1), e.getValue());
            check(e.getKey(), "the person assessed", 404, o.person(o.alice), e.getValue());
            check(e.getKey(), "the person's manager (invited too)", 404, o.person(o.mona), e.getValue());
            check(e.getKey(), "another invited rater", 404, o.person(o.peers.get(1)), e.getValue());
            check(e.getKey(), "another employee", 404, o.person(o.eve), e.getValue());
            check(e.getKey(), "an L&D admin", 404, o.admin(), e.getValue());
            check(e.getKey(), "a client with people:read", 403, o.client("people:read"), e.getValue());
            check(e.getKey(), "another organisation's admin", 404, otherOrgAdmin(), e.getValue());
            check(e.getKey(), "another organisation's person with the rater's id", 404,
                    TestTokens.employee(otherOrg(), p1), e.getValue());
        }
    }

    /**
     * Nobody learns which rater gave which answer: not the person, not their manager, not an L&D admin. Results
     * name no peer or report, carry no per-rater answers, and show a comment only pooled under a group large enough
     * to hide its author; the one rater who finishes an assessment gets a receipt, not the results.
     */
    @Test
    void raterAnonymityHoldsForEveryoneAdminsIncluded() throws Exception {
        Org o = org();
        String id = requested(o, o.person(o.mona));
        List<String> hidden = new ArrayList<>(o.peers);
        hidden.add(o.rob);
        respond(o, o.alice, id, Map.of());
        respond(o, o.mona, id, Map.of());
        respond(o, o.rob, id, Map.of("empathy", "Only the one report could have written this"));
        respond(o, o.peers.get(0), id, Map.of("empathy", "Peer one says listen more"));
        respond(o, o.peers.get(1), id, Map.of("empathy", "Peer two says slow down"));
        JsonNode receipt = json.readTree(respond(o, o.peers.get(2), id, Map.of("empathy", "Peer three says ask")));
        assertThat(receipt.get("status").asString()).isEqualTo("RESULTS_PUBLISHED");
        assertThat(receipt.get("scores").isNull()).as("the last rater gets a receipt, not the results").isTrue();
        assertThat(receipt.get("comments").isNull()).isTrue();
        assertThat(receipt.get("raters").isNull()).isTrue();

        // Recorded all at once, with a peer's rating: the stored rater ids are never shown either.
        String quick = json.readTree(body(mvc.perform(post("/api/assessments").with(bearer(o.admin()))
                .contentType(MediaType.APPLICATION_JSON).content(quickPath(o))))).get("id").asString();

        for (String viewer : List.of(o.person(o.alice), o.person(o.mona), o.admin())) {
            for (String path : List.of("/api/assessments/" + id, "/api/assessments/" + quick,
                    "/api/assessments?personId=" + o.alice)) {
                String view = body(mvc.perform(get(path).with(bearer(viewer))).andExpect(status().isOk()));
                for (String rater : hidden) {
                    assertThat(view).as(path + " names no rater").doesNotContain(rater)
                            .doesNotContain(DeterministicIds.of("invitation", id, rater));
                }
                assertThat(view).doesNotContain("\"raterId\"", "\"responses\"", "\"invitations\"", "\"ratings\"", "\"levels\"");
            }
            // The lone report is too small a group to show: every group folds into "others", and so do the
            // comments, in alphabetical order, so neither group nor order points at an author.
            JsonNode comments = json.readTree(body(mvc.perform(get("/api/assessments/" + id).with(bearer(viewer)))))
                    .get("comments");
            assertThat(comments.toString()).isEqualTo("[{\"skillId\":\"empathy\",\"group\":\"OTHERS\",\"texts\":["
                    + "\"Only the one report could have written this\",\"Peer one says listen more\",\"Peer three says ask\","
                    + "\"Peer two says slow down\"]}]");
            // No caller reaches another rater's answers through the invitation either.
            for (String rater : hidden) {
                mvc.perform(get("/api/assessments/{id}/invitations/{inv}", id, DeterministicIds.of("invitation", id, rater))
                        .with(bearer(viewer))).andExpect(status().isNotFound());
            }
        }
        // The rater sees their own answers, and only theirs.
        String own = body(mvc.perform(get("/api/assessments/{id}/invitations/{inv}", id,
                DeterministicIds.of("invitation", id, o.peers.get(0))).with(bearer(o.person(o.peers.get(0))))).andExpect(status().isOk()));
        assertThat(own).contains("Peer one says listen more").doesNotContain("Peer two says slow down");
    }

    // ---- limits, refusals, operators ----

    @Test
    void bulkImportsAreLimitedPerOrganisationAndOnlyCallersWhoMayImportSpendTheBudget() throws Exception {
        Org o = org(); // its own set-up spent one import
        for (int i = 0; i < 10; i++) {
            mvc.perform(post("/api/people/import").with(bearer(o.person(o.eve))).contentType(MediaType.APPLICATION_JSON)
                    .content("[" + newPerson() + "]")).andExpect(status().isForbidden());
        }
        for (int i = 1; i < IMPORTS_PER_MINUTE; i++) {
            mvc.perform(post("/api/people/import").with(bearer(o.client("people:write"))).contentType(MediaType.APPLICATION_JSON)
                    .content("[" + newPerson() + "]")).andExpect(status().isOk());
        }
        mvc.perform(post("/api/people/import").with(bearer(o.admin())).contentType(MediaType.APPLICATION_JSON)
                        .content("[" + newPerson() + "]"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith(
                        "the organisation's limit for people-import is " + IMPORTS_PER_MINUTE + " a minute")));
        // Another organisation's budget is its own.
        mvc.perform(post("/api/people/import").with(bearer(TestTokens.client(otherOrg(), "hr", "people:write")))
                .contentType(MediaType.APPLICATION_JSON).content("[" + newPerson() + "]")).andExpect(status().isOk());
    }

    @Test
    void refusalsSayWhatIsRequired() throws Exception {
        Org o = org();
        mvc.perform(post("/api/people").with(bearer(o.person(o.eve))).contentType(MediaType.APPLICATION_JSON).content(newPerson()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("requires the role LD_ADMIN or the scope people:write"));
        mvc.perform(get("/api/assessments").param("personId", o.alice).with(bearer(o.client("people:read"))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("requires a person's token"));
        mvc.perform(post("/api/assessment-requests").with(bearer(o.person(o.eve))).contentType(MediaType.APPLICATION_JSON)
                        .content(request360(o)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("requires being the person assessed, their manager or the role LD_ADMIN"));
        mvc.perform(post("/scim/v2/Users").with(bearer(o.person(o.eve))).contentType("application/scim+json").content(scimUser()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/scim+json"))
                .andExpect(jsonPath("$.schemas[0]").value("urn:ietf:params:scim:api:messages:2.0:Error"))
                .andExpect(jsonPath("$.status").value("403"))
                .andExpect(jsonPath("$.detail").value("requires the role LD_ADMIN or the scope people:write"));
        mvc.perform(get("/scim/v2/Users/{id}", o.alice).with(bearer(o.person(o.eve))))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/scim+json"));

        // A person's own entry: preferences change, the directory part stays HR's.
        String entry = personDetails(o, o.alice);
        mvc.perform(put("/api/people/{id}", o.alice).with(bearer(o.person(o.alice))).contentType(MediaType.APPLICATION_JSON)
                        .content(entry.replace("\"managerId\":\"" + o.mona + "\"", "\"managerId\":\"" + o.eve + "\"")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(Matchers.endsWith(
                        "a person may change only their own locale, timeZone and mentorOptIn")));
        mvc.perform(put("/api/people/{id}", o.alice).with(bearer(o.person(o.alice))).contentType(MediaType.APPLICATION_JSON)
                        .content(entry.replace("\"mentorOptIn\":false", "\"mentorOptIn\":true")
                                .replace("\"timeZone\":\"UTC\"", "\"timeZone\":\"Europe/Berlin\"")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.mentorOptIn").value(true))
                .andExpect(jsonPath("$.timeZone").value("Europe/Berlin"))
                .andExpect(jsonPath("$.managerId").value(o.mona));
    }

    @Test
    void deadLettersAreForThePlatformOperatorOnly() throws Exception {
        Org o = org();
        Supplier<MockHttpServletRequestBuilder> list = () -> get("/api/admin/dead-letters");
        check("GET /api/admin/dead-letters", "no token", 401, null, list);
        check("GET /api/admin/dead-letters", "an L&D admin", 403, o.admin(), list);
        check("GET /api/admin/dead-letters", "a client with people:write", 403, o.client("people:write"), list);
        check("GET /api/admin/dead-letters", "the platform operator (ops:admin)", 200,
                TestTokens.client("platform", "ops", "ops:admin"), list);
    }

    /** A new endpoint cannot slip through without a declared rule: every handler of the service names its callers. */
    @Test
    void everyEndpointOfTheServiceDeclaresWhoMayCallIt() {
        List<String> undeclared = mappings.getHandlerMethods().entrySet().stream()
                .filter(e -> e.getValue().getBeanType().getPackageName().startsWith("org.skillpath.assessment"))
                .filter(e -> !e.getValue().hasMethodAnnotation(AllowedCallers.class))
                .map(e -> e.getKey().toString()).toList();
        assertThat(mappings.getHandlerMethods()).isNotEmpty();
        assertThat(undeclared).isEmpty();
    }

    // ---- fixtures ----

    /**
     * One organisation: boss → mona (manager) → alice (the person) → rob (alice's report); eve and three peers
     * report to boss; four throwaway people report to mona. Loaded by one bulk import.
     */
    record Org(String id, String boss, String mona, String alice, String rob, String eve, List<String> peers,
               List<String> temps, String adminId) {

        String person(String personId) {
            return TestTokens.person(id, personId, "EMPLOYEE", "MANAGER");
        }

        String admin() {
            return TestTokens.admin(id, adminId);
        }

        String client(String... scopes) {
            return TestTokens.client(id, "client-" + String.join("-", scopes).replace(':', '-'), scopes);
        }
    }

    Org org() throws Exception {
        String org = "acc-" + UUID.randomUUID().toString().substring(0, 8);
        String u = UUID.randomUUID().toString().substring(0, 6);
        List<String[]> people = List.of(new String[]{"boss", null}, new String[]{"mona", "boss"},
                new String[]{"alice", "mona"}, new String[]{"rob", "alice"}, new String[]{"eve", "boss"},
                new String[]{"peer1", "boss"}, new String[]{"peer2", "boss"}, new String[]{"peer3", "boss"},
                new String[]{"temp1", "mona"}, new String[]{"temp2", "mona"}, new String[]{"temp3", "mona"},
                new String[]{"temp4", "mona"});
        StringBuilder batch = new StringBuilder("[");
        for (String[] p : people) {
            if (batch.length() > 1) {
                batch.append(',');
            }
            batch.append("{\"userName\":\"%1$s-%2$s\",\"displayName\":\"%1$s\",\"email\":\"%1$s-%2$s@example.com\"%3$s}"
                    .formatted(p[0], u, p[1] == null ? "" : ",\"managerUserName\":\"" + p[1] + "-" + u + "\""));
        }
        JsonNode loaded = json.readTree(body(mvc.perform(post("/api/people/import").with(bearer(TestTokens.admin(org, "setup")))
                .contentType(MediaType.APPLICATION_JSON).content(batch.append(']').toString())).andExpect(status().isOk())))
                .get("people");
        List<String> ids = new ArrayList<>();
        loaded.forEach(p -> ids.add(p.get("personId").asString()));
        return new Org(org, ids.get(0), ids.get(1), ids.get(2), ids.get(3), ids.get(4), ids.subList(5, 8),
                ids.subList(8, 12), "admin-" + UUID.randomUUID());
    }

    static String otherOrg() {
        return "other-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String otherOrgAdmin() {
        return TestTokens.admin(otherOrg(), "admin-" + UUID.randomUUID());
    }

    void check(String endpoint, String caller, int expected, String token, Supplier<MockHttpServletRequestBuilder> request) {
        MATRIX.check(endpoint, caller, expected, () -> {
            MockHttpServletRequestBuilder r = request.get();
            if (token != null) {
                r.with(bearer(token));
            }
            return mvc.perform(r).andReturn().getResponse().getStatus();
        });
    }

    String body(org.springframework.test.web.servlet.ResultActions result) throws Exception {
        return result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** The person's entry as PersonDetails, read by an admin. */
    String personDetails(Org o, String personId) throws Exception {
        JsonNode p = json.readTree(body(mvc.perform(get("/api/people/{id}", personId).with(bearer(o.admin())))));
        ObjectNode d = json.createObjectNode();
        for (String f : List.of("userName", "displayName", "email", "managerId", "department", "employeeNumber", "locale",
                "timeZone", "active", "mentorOptIn")) {
            d.set(f, p.get(f));
        }
        return d.toString();
    }

    static String newPerson() {
        String u = "new-" + UUID.randomUUID().toString().substring(0, 8);
        return "{\"userName\":\"%1$s\",\"displayName\":\"New\",\"email\":\"%1$s@example.com\"}".formatted(u);
    }

    static String scimUser() {
        String u = "scim-" + UUID.randomUUID().toString().substring(0, 8);
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%1$s","displayName":"Scim",
                 "emails":[{"value":"%1$s@example.com","type":"work","primary":true}],"active":true}
                """.formatted(u);
    }

    static String framework(String id) {
        String name = id == null ? "" : "\"id\":\"" + id + "\",";
        return "{" + name + "\"name\":\"Access framework\",\"skills\":[{\"id\":\"listening\",\"name\":\"Listening\","
                + "\"category\":\"communication\",\"indicators\":[{\"id\":\"listening-1\",\"text\":\"Lets others finish\"}]}]}";
    }

    static String roleProfile(String id) {
        String name = id == null ? "" : "\"id\":\"" + id + "\",";
        return "{" + name + "\"name\":\"Access profile\",\"frameworkId\":\"soft-skills-default\","
                + "\"targets\":[{\"skillId\":\"empathy\",\"targetLevel\":4,\"weight\":1}]}";
    }

    static String request360(Org o) {
        return "{\"personId\":\"%s\",\"roleProfileId\":\"team-lead\",\"peerIds\":[\"%s\",\"%s\",\"%s\"]}"
                .formatted(o.alice, o.peers.get(0), o.peers.get(1), o.peers.get(2));
    }

    static String quickPath(Org o) {
        return """
                {"personId":"%s","roleProfileId":"team-lead","ratings":[
                  {"raterId":"%s","group":"MANAGER","scores":{"budgeting":2}},
                  {"raterId":"%s","group":"PEER","scores":{"budgeting":4}}]}
                """.formatted(o.alice, o.mona, o.peers.get(0));
    }

    /** A 360 of alice: she, mona (manager), rob (report) and three peers are invited. */
    String requested(Org o, String token) throws Exception {
        return json.readTree(body(mvc.perform(post("/api/assessment-requests").with(bearer(token))
                .contentType(MediaType.APPLICATION_JSON).content(request360(o))).andExpect(status().isCreated())))
                .get("id").asString();
    }

    /** A 360 of alice that everyone answered: its results are published. */
    String completed360(Org o) throws Exception {
        String id = requested(o, o.person(o.mona));
        for (String rater : List.of(o.alice, o.mona, o.rob, o.peers.get(0), o.peers.get(1), o.peers.get(2))) {
            respond(o, rater, id, Map.of());
        }
        mvc.perform(get("/api/assessments/{id}", id).with(bearer(o.admin())))
                .andExpect(jsonPath("$.status").value("RESULTS_PUBLISHED"));
        return id;
    }

    /** Every indicator at level 3, with the given comments per skill. */
    String answers(String raterToken, String assessmentId, String invitationId, Map<String, String> comments) throws Exception {
        JsonNode q = json.readTree(body(mvc.perform(get("/api/assessments/{id}/invitations/{inv}", assessmentId, invitationId)
                .with(bearer(raterToken))).andExpect(status().isOk())));
        ObjectNode answers = json.createObjectNode();
        var list = answers.putArray("answers");
        for (JsonNode skill : q.get("skills")) {
            for (JsonNode indicator : skill.get("indicators")) {
                list.addObject().put("indicatorId", indicator.get("id").asString()).put("level", 3);
            }
        }
        ObjectNode c = answers.putObject("comments");
        comments.forEach(c::put);
        return answers.toString();
    }

    String respond(Org o, String raterId, String assessmentId, Map<String, String> comments) throws Exception {
        String invitation = DeterministicIds.of("invitation", assessmentId, raterId);
        return body(mvc.perform(put("/api/assessments/{id}/invitations/{inv}/response", assessmentId, invitation)
                        .with(bearer(o.person(raterId))).contentType(MediaType.APPLICATION_JSON)
                        .content(answers(o.person(raterId), assessmentId, invitation, comments)))
                .andExpect(status().isOk()));
    }
}
