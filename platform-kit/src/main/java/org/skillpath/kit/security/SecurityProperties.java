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
        jwt = jwt == null ? new Jwt(null, null, null, null) : jwt;
    }

    /**
     * @param jwkSetUri the issuer's JWKS (local stack: the embedded issuer; compose: Keycloak), fetched lazily
     * @param issuer    the {@code iss} every token must carry; unchecked when empty
     * @param publicKey a PEM public key resource used instead of the JWKS (tests)
     * @param cacheTtl  how long a verified token is kept so that its next requests skip the signature check
     *                  (never past its expiry); 5 minutes by default, so a key withdrawn from the JWKS stops
     *                  being honoured within that time; 0 turns the cache off
     */
    public record Jwt(String jwkSetUri, String issuer, String publicKey, java.time.Duration cacheTtl) {
        public Jwt {
            cacheTtl = cacheTtl == null ? java.time.Duration.ofMinutes(5) : cacheTtl;
        }
    }
}
