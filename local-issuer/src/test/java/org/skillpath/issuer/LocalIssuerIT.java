package org.skillpath.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skillpath.issuer.PeopleDirectory.Person;
import org.springframework.security.oauth2.jwt.Jwt;
import tools.jackson.databind.JsonNode;

/** The issuer on a free 127.0.0.1 port, driven over real HTTP like curl, an integration and a browser. */
class LocalIssuerIT {

    @TempDir
    static Path dataDir;

    static final int PORT = freePort();
    static LocalIssuer.Running issuer;
    static IssuerHttp http;
    static final String BOB = UUID.randomUUID().toString();
    static final String ALICE = UUID.randomUUID().toString();
    static final List<Person> PEOPLE = new ArrayList<>(List.of(
            new Person("bob.manager", "bob-pw", BOB, "demo", List.of("EMPLOYEE", "MANAGER"), "Bob Manager"),
            new Person("alice.specialist", "alice-pw", ALICE, "demo", List.of("EMPLOYEE"), "Alice Specialist")));

    @BeforeAll
    static void start() {
        // the launcher's order: issuer first, the directory written once people exist
        issuer = LocalIssuer.start(PORT, dataDir);
        PeopleDirectory.write(issuer.directoryFile(), PEOPLE);
        http = new IssuerHttp(issuer.issuerUrl());
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Test
    void servesOidcDiscoveryAndTheJwks() {
        String base = issuer.issuerUrl();
        assertThat(issuer.port()).isEqualTo(PORT);
        assertThat(base).isEqualTo("http://127.0.0.1:" + PORT);
        JsonNode discovery = IssuerHttp.json(IssuerHttp.send(IssuerHttp.browser(), HttpRequest
                .newBuilder(URI.create(base + "/.well-known/openid-configuration")).build()));
        assertThat(discovery.get("issuer").asString()).isEqualTo(base);
        assertThat(discovery.get("jwks_uri").asString()).isEqualTo(base + "/oauth2/jwks").isEqualTo(issuer.jwksUrl());
        assertThat(discovery.get("token_endpoint").asString()).isEqualTo(base + "/oauth2/token");
    }

    @Test
    void clientCredentialsWithBasicAuthGivesAContractTokenThatVerifiesAgainstTheJwks() {
        HttpResponse<String> response = http.clientCredentials("demo-hr", "demo-hr-secret", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = IssuerHttp.json(response);
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");

        Jwt jwt = http.verify(body.get("access_token").asString());
        assertThat(jwt.getHeaders()).containsEntry("alg", "RS256").containsKey("kid");
        assertThat(jwt.getSubject()).isEqualTo("demo-hr");
        assertThat(jwt.getClaimAsString("org")).isEqualTo("demo");
        // all registered scopes when none is asked for, as one space-separated string
        assertThat(jwt.getClaims().get("scope")).isEqualTo("people:read people:write");
        assertThat(jwt.getClaims()).doesNotContainKey("roles");
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void clientCredentialsWithARequestedScopeGetsJustThatScope() {
        HttpResponse<String> response = http.clientCredentials("demo-admin-tool", "demo-admin-tool-secret", "catalog:write");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Jwt jwt = http.verify(IssuerHttp.json(response).get("access_token").asString());
        assertThat(jwt.getSubject()).isEqualTo("demo-admin-tool");
        assertThat(jwt.getClaims().get("scope")).isEqualTo("catalog:write");
    }

    @Test
    void aWrongSecretOrAnUnknownClientIsUnauthorized() {
        HttpResponse<String> wrong = http.clientCredentials("demo-hr", "not-the-secret", null);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(IssuerHttp.json(wrong).get("error").asString()).isEqualTo("invalid_client");
        assertThat(http.clientCredentials("nobody", "nobody-secret", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aScopeTheClientDoesNotHaveIsRefused() {
        for (String scope : List.of("xapi:write", "no-such-scope", "people:read xapi:write")) {
            HttpResponse<String> response = http.clientCredentials("demo-hr", "demo-hr-secret", scope);
            assertThat(response.statusCode()).as(scope).isEqualTo(400);
            assertThat(IssuerHttp.json(response).get("error").asString()).isEqualTo("invalid_scope");
        }
    }

    @Test
    void authorizationCodeWithPkceGivesAPersonTokenWithPersonIdOrgAndRoles() {
        IssuerHttp.Login login = http.authorize("bob.manager", "bob-pw");
        HttpResponse<String> response = http.exchange(login);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode tokens = IssuerHttp.json(response);

        Jwt access = http.verify(tokens.get("access_token").asString());
        assertPerson(access, BOB, List.of("EMPLOYEE", "MANAGER"), "Bob Manager", "bob.manager");
        assertThat(access.getClaims().get("scope")).isEqualTo("openid profile");
        assertThat(access.getAudience()).containsExactly(IssuerHttp.DASHBOARD);
        assertThat(Duration.between(access.getIssuedAt(), access.getExpiresAt())).isEqualTo(Duration.ofHours(1));

        Jwt id = http.verify(tokens.get("id_token").asString());
        assertPerson(id, BOB, List.of("EMPLOYEE", "MANAGER"), "Bob Manager", "bob.manager");
        assertThat(id.getAudience()).containsExactly(IssuerHttp.DASHBOARD);

        // the public client refreshes without a secret; each refresh token is good once (rotation)
        String refresh = tokens.get("refresh_token").asString();
        HttpResponse<String> refreshed = http.token(Map.of("grant_type", "refresh_token", "refresh_token", refresh,
                "client_id", IssuerHttp.DASHBOARD));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        JsonNode renewed = IssuerHttp.json(refreshed);
        assertPerson(http.verify(renewed.get("access_token").asString()), BOB, List.of("EMPLOYEE", "MANAGER"),
                "Bob Manager", "bob.manager");
        assertThat(renewed.get("refresh_token").asString()).isNotEqualTo(refresh);
        HttpResponse<String> replayed = http.token(Map.of("grant_type", "refresh_token", "refresh_token", refresh,
                "client_id", IssuerHttp.DASHBOARD));
        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(IssuerHttp.json(replayed).get("error").asString()).isEqualTo("invalid_grant");
        // the code is single-use too
        assertThat(http.exchange(login).statusCode()).isEqualTo(400);
    }

    @Test
    void signingOutEndsTheIssuersSessionAndReturnsToTheDashboardOnAnyLoopbackPort() {
        IssuerHttp.Login login = http.authorize("bob.manager", "bob-pw");
        String idToken = IssuerHttp.json(http.exchange(login)).get("id_token").asString();
        // signed in: a new authorization goes straight back to the dashboard, no password asked
        assertThat(IssuerHttp.location(http.startAuthorization(login.browser()))).startsWith(IssuerHttp.CALLBACK + "?");

        // a loopback post-logout URI matches on any port (a test's or a developer's dashboard), as redirect URIs do
        HttpResponse<String> out = http.logout(login.browser(), Map.of("id_token_hint", idToken,
                "post_logout_redirect_uri", "http://127.0.0.1:43210/signed-out", "state", "bye"));
        assertThat(out.statusCode()).as(out.body()).isEqualTo(302);
        assertThat(IssuerHttp.location(out)).isEqualTo("http://127.0.0.1:43210/signed-out?state=bye");
        // the session is gone: the next sign-in asks for the password again
        assertThat(IssuerHttp.location(http.startAuthorization(login.browser()))).isEqualTo(issuer.issuerUrl() + "/login");

        // anywhere else than a registered URI is refused, and the session stays
        IssuerHttp.Login again = http.authorize("bob.manager", "bob-pw");
        String secondIdToken = IssuerHttp.json(http.exchange(again)).get("id_token").asString();
        for (String elsewhere : List.of("http://evil.example/signed-out", "http://127.0.0.1:8080/elsewhere",
                "https://127.0.0.1:8080/signed-out")) {
            HttpResponse<String> refused = http.logout(again.browser(), Map.of("id_token_hint", secondIdToken,
                    "post_logout_redirect_uri", elsewhere));
            assertThat(refused.statusCode()).as(elsewhere).isEqualTo(400);
        }
        assertThat(IssuerHttp.location(http.startAuthorization(again.browser()))).startsWith(IssuerHttp.CALLBACK + "?");
    }

    @Test
    void theCodeExchangeNeedsTheRightVerifier() {
        IssuerHttp.Login login = http.authorize("alice.specialist", "alice-pw");
        HttpResponse<String> response = http.exchange(new IssuerHttp.Login(login.loginResponse(), login.code(),
                "a-different-verifier-that-is-long-enough-to-be-valid-0123456789", login.browser()));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(IssuerHttp.json(response).get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void aWrongPasswordGoesBackToTheLoginFormWithAnError() {
        IssuerHttp.Login login = http.authorize("bob.manager", "wrong");
        assertThat(login.code()).isNull();
        assertThat(IssuerHttp.location(login.loginResponse())).isEqualTo(issuer.issuerUrl() + "/login?error");
    }

    @Test
    void aPersonAddedToTheDirectoryWhileRunningCanLogIn() {
        String erin = UUID.randomUUID().toString();
        assertThat(http.authorize("erin.engineer", "erin-pw").code()).isNull();

        List<Person> more = new ArrayList<>(PEOPLE);
        more.add(new Person("erin.engineer", "erin-pw", erin, "demo", List.of("EMPLOYEE"), "Erin Engineer"));
        PeopleDirectory.write(issuer.directoryFile(), more);

        HttpResponse<String> response = http.exchange(http.authorize("erin.engineer", "erin-pw"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertPerson(http.verify(IssuerHttp.json(response).get("access_token").asString()), erin,
                List.of("EMPLOYEE"), "Erin Engineer", "erin.engineer");
    }

    @Test
    void demoTokensCarryTheSameClaimsAsTheFlowsAndVerifyAgainstTheJwks() {
        DemoTokens demo = issuer.demoTokens();
        Jwt minted = http.verify(demo.mint("bob.manager", Duration.ofMinutes(10)));
        assertPerson(minted, BOB, List.of("EMPLOYEE", "MANAGER"), "Bob Manager", "bob.manager");
        assertThat(Duration.between(minted.getIssuedAt(), minted.getExpiresAt())).isEqualTo(Duration.ofMinutes(10));

        Jwt viaBrowser = http.verify(IssuerHttp.json(http.exchange(http.authorize("bob.manager", "bob-pw")))
                .get("access_token").asString());
        assertThat(minted.getClaims().keySet()).isEqualTo(viaBrowser.getClaims().keySet());
        for (String claim : List.of("iss", "sub", "aud", "org", "roles", "name", "preferred_username", "scope")) {
            assertThat(minted.getClaims().get(claim)).as(claim).isEqualTo(viaBrowser.getClaims().get(claim));
        }
        assertThat(minted.getHeaders().get("kid")).isEqualTo(viaBrowser.getHeaders().get("kid"));

        Jwt client = http.verify(demo.mintClient("demo-lms", Duration.ofMinutes(5)));
        Jwt viaCurl = http.verify(IssuerHttp.json(http.clientCredentials("demo-lms", "demo-lms-secret", null))
                .get("access_token").asString());
        assertThat(client.getClaims().keySet()).isEqualTo(viaCurl.getClaims().keySet());
        for (String claim : List.of("iss", "sub", "aud", "org", "scope")) {
            assertThat(client.getClaims().get(claim)).as(claim).isEqualTo(viaCurl.getClaims().get(claim));
        }
        assertThat(client.getClaims().get("scope")).isEqualTo("catalog:write xapi:write");

        assertThatThrownBy(() -> demo.mint("nobody", Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> demo.mintClient("nobody", Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void peopleAndClientsOutsideTheDirectoryCanBeMintedForTestsWithTheSameClaims() {
        DemoTokens demo = issuer.demoTokens();
        String someone = "7d3c3a52-5b8f-4c55-9f0e-6a1d2b9f0c11";
        Jwt person = http.verify(demo.mintPerson(new PeopleDirectory.Person("casey.tester", null, someone, "acme",
                List.of("EMPLOYEE", "LD_ADMIN"), "Casey Tester"), Duration.ofMinutes(5)));
        assertThat(person.getSubject()).isEqualTo(someone);
        assertThat(person.getClaimAsString("org")).isEqualTo("acme");
        assertThat(person.getClaimAsStringList("roles")).containsExactly("EMPLOYEE", "LD_ADMIN");
        Jwt bob = http.verify(demo.mint("bob.manager", Duration.ofMinutes(5)));
        assertThat(person.getClaims().keySet()).isEqualTo(bob.getClaims().keySet());

        Jwt client = http.verify(demo.mintClient("acme-hr", "acme", java.util.Set.of("people:write"), Duration.ofMinutes(5)));
        assertThat(client.getSubject()).isEqualTo("acme-hr");
        assertThat(client.getClaimAsString("org")).isEqualTo("acme");
        assertThat(client.getClaimAsString("scope")).isEqualTo("people:write");
    }

    @Test
    void theDashboardOriginMayCallTheTokenEndpointFromJavaScriptOtherOriginsMayNot() {
        for (String origin : List.of("http://127.0.0.1:8080", "http://localhost:8080", "http://evil.example")) {
            HttpResponse<String> preflight = IssuerHttp.send(IssuerHttp.browser(), HttpRequest
                    .newBuilder(URI.create(issuer.issuerUrl() + "/oauth2/token"))
                    .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
            if (origin.contains("evil")) {
                assertThat(preflight.statusCode()).isEqualTo(403);
                assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            } else {
                assertThat(preflight.statusCode()).as(origin).isEqualTo(200);
                assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(origin);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertPerson(Jwt jwt, String personId, List<String> roles, String name, String username) {
        assertThat(jwt.getIssuer()).hasToString(issuer.issuerUrl());
        assertThat(jwt.getSubject()).isEqualTo(personId);
        assertThat(jwt.getClaimAsString("org")).isEqualTo("demo");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactlyElementsOf(roles);
        assertThat(jwt.getClaimAsString("name")).isEqualTo(name);
        assertThat(jwt.getClaimAsString("preferred_username")).isEqualTo(username);
    }
}
