package org.skillpath.issuer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.skillpath.issuer.PeopleDirectory.Person;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Signs tokens without a browser or a secret, for the README's curl walkthrough and for tests: the same key,
 * issuer and claims (via {@link SkillpathClaims}) as the authorization-code and client-credentials flows.
 */
public final class DemoTokens {

    private final JwtEncoder encoder;
    private final PeopleDirectory directory;
    private final RegisteredClientRepository clients;
    private final IssuerProperties properties;

    DemoTokens(JwtEncoder encoder, PeopleDirectory directory, RegisteredClientRepository clients,
               IssuerProperties properties) {
        this.encoder = encoder;
        this.directory = directory;
        this.clients = clients;
        this.properties = properties;
    }

    /**
     * An access token for a person of the directory, as if they had logged in to the dashboard client.
     *
     * @throws IllegalArgumentException if nobody of that username is in the directory (yet)
     */
    public String mint(String username, Duration ttl) {
        Person person = directory.find(username)
                .orElseThrow(() -> new IllegalArgumentException("no person '" + username + "' in the directory"));
        RegisteredClient dashboard = client(properties.demoClientId());
        Map<String, Object> claims = SkillpathClaims.forPerson(person);
        claims.put(SkillpathClaims.SCOPE, SkillpathClaims.scope(dashboard.getScopes()));
        return sign(dashboard.getClientId(), ttl, claims);
    }

    /**
     * An access token for any person, listed in the directory or not: for the end-to-end tests and the
     * benchmark, which create people through the API and then act as them.
     */
    public String mintPerson(Person person, Duration ttl) {
        RegisteredClient dashboard = client(properties.demoClientId());
        Map<String, Object> claims = SkillpathClaims.forPerson(person);
        claims.put(SkillpathClaims.SCOPE, SkillpathClaims.scope(dashboard.getScopes()));
        return sign(dashboard.getClientId(), ttl, claims);
    }

    /** An access token for an integration client of any organisation with the given scopes (tests, tools). */
    public String mintClient(String clientId, String org, Set<String> scopes, Duration ttl) {
        return sign(clientId, ttl, SkillpathClaims.forClient(clientId, org, scopes));
    }

    /** An access token for an integration client with all the scopes it is registered for. */
    public String mintClient(String clientId, Duration ttl) {
        RegisteredClient client = client(clientId);
        Set<String> scopes = client.getScopes();
        return sign(clientId, ttl, SkillpathClaims.forClient(clientId, IssuerClients.org(client), scopes));
    }

    private RegisteredClient client(String clientId) {
        RegisteredClient client = clients.findByClientId(clientId);
        if (client == null) {
            throw new IllegalArgumentException("no client '" + clientId + "' is registered");
        }
        return client;
    }

    private String sign(String audience, Duration ttl, Map<String, Object> claims) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        Instant now = Instant.now();
        JwtClaimsSet.Builder set = JwtClaimsSet.builder()
                .issuer(properties.url())
                .audience(List.of(audience))
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(now.plus(ttl))
                .id(UUID.randomUUID().toString());
        set.claims(c -> c.putAll(claims));
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).build();
        return encoder.encode(JwtEncoderParameters.from(header, set.build())).getTokenValue();
    }
}
