package org.skillpath.kit.security;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.skillpath.kit.test.TestInfra;
import org.skillpath.kit.test.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.skillpath.kit.test.TestTokens.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The kit's security defaults through the real filter chain and JWT decoder: closed by default, the tenant
 * and caller from the verified token only, refusals as problem details, roles and scopes, public paths, the
 * per-organisation limit on mass actions.
 */
@SpringBootTest(classes = SecuredTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "skillpath.outbox.enabled=false",
        "skillpath.security.public-paths=/open/**",
        "skillpath.limits.mass-actions.bulk-per-minute=3",
        "management.endpoints.web.exposure.include=health,prometheus"})
@AutoConfigureMockMvc
class KitSecurityIT {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.embedded(registry, "kit-security");
    }

    @Autowired
    MockMvc mvc;

    @Test
    void withoutATokenEveryApiIsClosedWithAProblemAndABearerChallenge() throws Exception {
        mvc.perform(get("/api/whoami"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail").value("a bearer token is required"));
        mvc.perform(post("/api/bulk")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/no-such-endpoint")).andExpect(status().isUnauthorized());
    }

    @Test
    void tokensThatAreForgedExpiredFromAnotherIssuerOrWithoutOrganisationAreRefused() throws Exception {
        List<String> refused = List.of(
                TestTokens.foreignSigned("acme", "p-1"),
                TestTokens.expired("acme", "p-1"),
                TestTokens.token(c -> c.subject("p-1").claim("roles", List.of("EMPLOYEE"))),
                TestTokens.token(c -> c.subject("p-1").claim("org", "Not A Valid Org").claim("roles", List.of("EMPLOYEE"))),
                TestTokens.token(c -> c.issuer("https://elsewhere.example").subject("p-1").claim("org", "acme")
                        .claim("roles", List.of("EMPLOYEE"))),
                "not.a.jwt");
        for (String token : refused) {
            mvc.perform(get("/api/whoami").with(bearer(token)))
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer error=\"invalid_token\"")))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
    }

    @Test
    void theOrganisationAndTheCallerComeFromTheTokenNeverFromTheRequest() throws Exception {
        mvc.perform(get("/api/whoami").with(bearer(TestTokens.manager("acme", "p-7"))).header("X-Org-Id", "globex"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.org").value("acme"))
                .andExpect(jsonPath("$.subject").value("p-7"))
                .andExpect(jsonPath("$.client").value(false))
                .andExpect(jsonPath("$.roles", org.hamcrest.Matchers.containsInAnyOrder("EMPLOYEE", "MANAGER")));
        mvc.perform(get("/api/whoami").with(bearer(TestTokens.client("acme", "hr-sync", "people:write", "people:read"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.subject").value("hr-sync"))
                .andExpect(jsonPath("$.client").value(true))
                .andExpect(jsonPath("$.scopes", org.hamcrest.Matchers.containsInAnyOrder("people:write", "people:read")));
    }

    @Test
    void rolesAndScopesGateWhatACallerMayDo() throws Exception {
        mvc.perform(get("/api/admin-only").with(bearer(TestTokens.employee("acme", "p-1"))))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403));
        mvc.perform(get("/api/admin-only").with(bearer(TestTokens.admin("acme", "p-2")))).andExpect(status().isOk());
        mvc.perform(get("/api/admin-only").with(bearer(TestTokens.client("acme", "hr", "people:write"))))
                .andExpect(status().isForbidden());

        mvc.perform(get("/api/people-sync").with(bearer(TestTokens.client("acme", "hr", "people:write")))).andExpect(status().isOk());
        mvc.perform(get("/api/people-sync").with(bearer(TestTokens.admin("acme", "p-2")))).andExpect(status().isOk());
        mvc.perform(get("/api/people-sync").with(bearer(TestTokens.client("acme", "lms", "xapi:write"))))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.detail").value(
                        "requires the scope people:write or the role LD_ADMIN"));
        mvc.perform(get("/api/people-sync").with(bearer(TestTokens.manager("acme", "p-3")))).andExpect(status().isForbidden());
    }

    @Test
    void deadLettersAreForThePlatformOperatorOnly() throws Exception {
        mvc.perform(get("/api/admin/dead-letters").with(bearer(TestTokens.admin("acme", "p-2")))).andExpect(status().isForbidden());
        mvc.perform(get("/api/admin/dead-letters").with(bearer(TestTokens.client("acme", "hr", "people:write"))))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/admin/dead-letters").with(bearer(TestTokens.client("platform", "ops", "ops:admin"))))
                .andExpect(status().isOk());
    }

    @Test
    void onlyHealthPrometheusTheApiDocumentsAndDeclaredPublicPathsAreOpen() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk());
        mvc.perform(get("/open/ping")).andExpect(status().isOk());
        mvc.perform(get("/actuator/env")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/env").with(bearer(TestTokens.admin("acme", "p-2")))).andExpect(status().isNotFound());
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    /** Through the real server: MockMvc does not reproduce what the servlet container hands the firewall. */
    @Test
    void urlsTheFirewallRejectsGetAProblemToo() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String path : List.of("/api/whoami/a%3Bb", "/api//whoami", "/api/whoami/%2e%2e/x")) {
            var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                            .header("Authorization", TestTokens.authorization(TestTokens.employee("acme", "p-1"))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            org.assertj.core.api.Assertions.assertThat(response.statusCode()).as(path).isEqualTo(400);
            org.assertj.core.api.Assertions.assertThat(response.headers().firstValue("Content-Type").orElse(""))
                    .startsWith("application/problem+json");
            org.assertj.core.api.Assertions.assertThat(response.body()).contains("the request URL is not acceptable");
        }
    }

    @Test
    void massActionsAreLimitedPerOrganisation() throws Exception {
        String acme = TestTokens.admin("acme-limits", "p-1");
        // refusals (here: not an admin) do not spend the organisation's budget
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/api/bulk").with(bearer(TestTokens.employee("acme-limits", "p-2")))).andExpect(status().isForbidden());
        }
        for (int i = 0; i < 3; i++) {
            mvc.perform(post("/api/bulk").with(bearer(acme))).andExpect(status().isOk());
        }
        mvc.perform(post("/api/bulk").with(bearer(acme)))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith(
                        "the organisation's limit for bulk is 3 a minute")));
        // another organisation's budget is its own
        mvc.perform(post("/api/bulk").with(bearer(TestTokens.admin("globex-limits", "p-9")))).andExpect(status().isOk());
    }
}
