package org.skillpath.kit.security;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.AfterAll;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A token issuer whose key set does not answer (here: a loopback socket that accepts connections and never
 * replies, as an overloaded issuer did in the pipeline benchmark) costs a request its JWKS timeout and a 503
 * problem with Retry-After. It used to escape the security filters as a 500 without problem details.
 */
@SpringBootTest(classes = SecuredTestApplication.class, properties = {
        "skillpath.outbox.enabled=false",
        "skillpath.security.jwt.jwks-timeout=PT0.5S",
        "management.endpoints.web.exposure.include=health,prometheus"})
@AutoConfigureMockMvc
class IssuerOutageIT {

    private static final ServerSocket SILENT_ISSUER = silentIssuer();

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.embedded(registry, "kit-issuer-outage");
        registry.add("skillpath.security.jwt.public-key", () -> "");
        registry.add("skillpath.security.jwt.jwk-set-uri",
                () -> "http://127.0.0.1:" + SILENT_ISSUER.getLocalPort() + "/oauth2/jwks");
    }

    @AfterAll
    static void close() throws IOException {
        SILENT_ISSUER.close();
    }

    @Autowired
    MockMvc mvc;

    @Test
    void aTokenThatCannotBeCheckedIsAnswered503WithRetryAfterNot500() throws Exception {
        mvc.perform(get("/api/whoami").with(bearer(TestTokens.employee("acme", "p-1"))))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", ProblemSecurityHandlers.RETRY_AFTER_SECONDS))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(503))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("issuer's keys are unreachable")))
                .andExpect(jsonPath("$.instance").value("/api/whoami"));
    }

    @Test
    void refusalsThatNeedNoKeysStay401() throws Exception {
        mvc.perform(get("/api/whoami"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"));
        mvc.perform(get("/api/whoami").with(bearer("not.a.jwt")))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer error=\"invalid_token\"")));
    }

    private static ServerSocket silentIssuer() {
        try {
            // bound and listening: the kernel completes the handshake, nobody ever reads or answers
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
