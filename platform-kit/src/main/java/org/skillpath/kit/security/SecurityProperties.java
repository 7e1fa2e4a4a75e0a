package org.skillpath.kit.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param publicPaths extra request paths (Ant-style patterns) reachable without a token, beyond health,
 *                    prometheus and the API documents; e.g. the RFC 8058 one-click unsubscribe endpoint
 * @param jwt         where the token issuer's keys come from
 */
@ConfigurationProperties("skillpath.security")
public record SecurityProperties(List<String> publicPaths, Jwt jwt) {

    public SecurityProperties {
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
        jwt = jwt == null ? new Jwt(null, null, null, null, null) : jwt;
    }

    /**
     * @param jwkSetUri the issuer's JWKS (local stack: the embedded issuer; compose: Keycloak), fetched lazily
     * @param issuer    the {@code iss} every token must carry; unchecked when empty
     * @param publicKey a PEM public key resource used instead of the JWKS (tests)
     * @param cacheTtl  how long a verified token is kept so that its next requests skip the signature check
     *                  (never past its expiry); 5 minutes by default, so a key withdrawn from the JWKS stops
     *                  being honoured within that time; 0 turns the cache off
     * @param jwksTimeout how long fetching the JWKS may take to connect, and again to answer (5 s): past it the
     *                  request is answered 503 with Retry-After rather than held for as long as the issuer hangs
     */
    public record Jwt(String jwkSetUri, String issuer, String publicKey, java.time.Duration cacheTtl,
                      java.time.Duration jwksTimeout) {
        public Jwt {
            cacheTtl = cacheTtl == null ? java.time.Duration.ofMinutes(5) : cacheTtl;
            jwksTimeout = jwksTimeout == null ? java.time.Duration.ofSeconds(5) : jwksTimeout;
        }
    }
}
