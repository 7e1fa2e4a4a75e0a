package org.skillpath.notification.preferences;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.skillpath.notification.policy.Category;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Unsubscribe tokens: {@code base64url(v1, orgId, personId, category) "." base64url(HMAC-SHA256)}. Scoped to one
 * person and one category, unforgeable without the secret, and without expiry (a link in an old mail must
 * still work); they grant nothing but that one opt-out, so no login is needed.
 */
@Component
public class UnsubscribeTokens {

    static final String DEV_SECRET = "skillpath-dev-unsubscribe-secret-change-me";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Logger log = LoggerFactory.getLogger(UnsubscribeTokens.class);

    private final SecretKeySpec key;

    public UnsubscribeTokens(@Value("${skillpath.mail.unsubscribe-secret:" + DEV_SECRET + "}") String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("skillpath.mail.unsubscribe-secret must have at least 16 characters");
        }
        if (DEV_SECRET.equals(secret)) {
            log.warn("unsubscribe links are signed with the development secret; set skillpath.mail.unsubscribe-secret");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public record Scope(String orgId, String personId, Category category) {
    }

    public String issue(String orgId, String personId, Category category) {
        String payload = ENCODER.encodeToString(String.join("\n", "v1", orgId, personId, category.name())
                .getBytes(StandardCharsets.UTF_8));
        return payload + "." + ENCODER.encodeToString(sign(payload));
    }

    /** The token's scope, or empty when it is malformed or its signature does not match. */
    public Optional<Scope> verify(String token) {
        if (token == null || token.length() > 1000) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        try {
            byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(sign(payload), signature)) {
                return Optional.empty();
            }
            String[] parts = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 4 || !"v1".equals(parts[0]) || parts[1].isEmpty() || parts[2].isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Scope(parts[1], parts[2], Category.valueOf(parts[3])));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the JDK", e);
        }
    }
}
