package org.skillpath.kit.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens that passed the full check (signature, issuer, times) for a short while, so that the next
 * requests with the same token skip the RSA verification, the largest single cost of a request. A token is
 * served from here only until the earlier of its expiry and {@code ttl} after it was verified; failures are never
 * kept. The map is bounded: when full, expired entries go, and if that is not enough, all of them.
 */
final class VerifiedTokens implements JwtDecoder {

    static final int MAX_ENTRIES = 10_000;

    private record Verified(Jwt jwt, Instant until) {
    }

    private final JwtDecoder decoder;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    VerifiedTokens(JwtDecoder decoder, Duration ttl, Clock clock) {
        this.decoder = decoder;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Verified hit = verified.get(token);
        if (hit != null) {
            if (now.isBefore(hit.until())) {
                return hit.jwt();
            }
            verified.remove(token, hit);
        }
        Jwt jwt = decoder.decode(token);
        Instant until = now.plus(ttl);
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(until)) {
            until = jwt.getExpiresAt();
        }
        if (now.isBefore(until)) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.values().removeIf(v -> !now.isBefore(v.until()));
                if (verified.size() >= MAX_ENTRIES) {
                    verified.clear();
                }
            }
            verified.put(token, new Verified(jwt, until));
        }
        return jwt;
    }

    int size() {
        return verified.size();
    }
}
