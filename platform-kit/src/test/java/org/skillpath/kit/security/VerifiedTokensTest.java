package org.skillpath.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.skillpath.kit.test.MutableClock;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokensTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final List<String> checked = new ArrayList<>();
    /** Stands in for the signature check: tokens "bad…" fail, others expire at the minute given after ':'. */
    private final JwtDecoder signatureCheck = token -> {
        checked.add(token);
        if (token.startsWith("bad")) {
            throw new BadJwtException("signature");
        }
        int minutes = Integer.parseInt(token.substring(token.indexOf(':') + 1));
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("p-1")
                .issuedAt(clock.instant()).expiresAt(clock.instant().plus(Duration.ofMinutes(minutes))).build();
    };
    private final VerifiedTokens tokens = new VerifiedTokens(signatureCheck, Duration.ofMinutes(5), clock);

    @Test
    void aTokenIsCheckedOnceWhileItIsFreshAndAgainAfterTheTtl() {
        assertThat(tokens.decode("t1:60").getSubject()).isEqualTo("p-1");
        assertThat(tokens.decode("t1:60").getSubject()).isEqualTo("p-1");
        assertThat(checked).containsExactly("t1:60");
        clock.advance(Duration.ofMinutes(5));
        tokens.decode("t1:60");
        assertThat(checked).containsExactly("t1:60", "t1:60");
    }

    @Test
    void aTokenIsNeverServedPastItsExpiry() {
        tokens.decode("t2:1");
        clock.advance(Duration.ofSeconds(61));
        tokens.decode("t2:1");
        assertThat(checked).as("expired in the cache: checked again, which refuses it in production")
                .containsExactly("t2:1", "t2:1");
    }

    @Test
    void failuresAreNotKept() {
        assertThatThrownBy(() -> tokens.decode("bad:60")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("bad:60")).isInstanceOf(BadJwtException.class);
        assertThat(checked).containsExactly("bad:60", "bad:60");
        assertThat(tokens.size()).isZero();
    }

    @Test
    void staysBounded() {
        for (int i = 0; i <= VerifiedTokens.MAX_ENTRIES; i++) {
            tokens.decode("t" + i + ":60");
        }
        assertThat(tokens.size()).isLessThanOrEqualTo(VerifiedTokens.MAX_ENTRIES);
    }
}
