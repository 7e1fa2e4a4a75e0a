package org.skillpath.kit.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Real signed JWTs for tests, in the shape of the token contract (sub, org, roles / scope). The services'
 * test contexts verify them with the test issuer's public key ({@link #register}), through the same decoder
 * and converter as production, so every test request passes the real authentication.
 */
public final class TestTokens {

    public static final String ISSUER = "https://issuer.test.skillpath";
    public static final String PUBLIC_KEY = "classpath:org/skillpath/kit/test/test-jwt-public.pem";
    private static final Signer TRUSTED = new Signer("test-jwt-private.pem", "test");
    private static final Signer FOREIGN = new Signer("foreign-jwt-private.pem", "foreign");

    private TestTokens() {
    }

    /** Makes a test context trust the test issuer (TestInfra does this for every IT). */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("skillpath.security.jwt.public-key", () -> PUBLIC_KEY);
        registry.add("skillpath.security.jwt.issuer", () -> ISSUER);
    }

    public static String employee(String org, String personId) {
        return person(org, personId, "EMPLOYEE");
    }

    public static String manager(String org, String personId) {
        return person(org, personId, "EMPLOYEE", "MANAGER");
    }

    public static String admin(String org, String personId) {
        return person(org, personId, "EMPLOYEE", "LD_ADMIN");
    }

    public static String person(String org, String personId, String... roles) {
        return token(c -> c.subject(personId).claim("org", org).claim("roles", List.of(roles)));
    }

    public static String client(String org, String clientId, String... scopes) {
        return token(c -> c.subject(clientId).claim("org", org).claim("scope", String.join(" ", scopes)));
    }

    /** A token with the claims the customizer sets on top of iss, iat and a one-hour exp. */
    public static String token(Consumer<JwtClaimsSet.Builder> claims) {
        return TRUSTED.sign(claims);
    }

    /** Well-formed and unexpired, but signed by a key the services do not trust. */
    public static String foreignSigned(String org, String personId) {
        return FOREIGN.sign(c -> c.subject(personId).claim("org", org).claim("roles", List.of("EMPLOYEE")));
    }

    public static String expired(String org, String personId) {
        Instant past = Instant.now().minus(2, ChronoUnit.HOURS);
        return token(c -> c.subject(personId).claim("org", org).claim("roles", List.of("EMPLOYEE"))
                .issuedAt(past).expiresAt(past.plus(1, ChronoUnit.HOURS)));
    }

    /** MockMvc: {@code .with(bearer(token))}. */
    public static RequestPostProcessor bearer(String token) {
        return request -> {
            request.addHeader("Authorization", "Bearer " + token);
            return request;
        };
    }

    public static String authorization(String token) {
        return "Bearer " + token;
    }

    public static Set<String> roles(String... roles) {
        return new LinkedHashSet<>(Arrays.asList(roles));
    }

    private static final class Signer {
        private final NimbusJwtEncoder encoder;
        private final String keyId;

        Signer(String resource, String keyId) {
            this.keyId = keyId;
            try (InputStream in = TestTokens.class.getResourceAsStream(resource)) {
                String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                        .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                        new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
                RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                        new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
                RSAKey jwk = new RSAKey.Builder(publicKey).privateKey(privateKey).keyID(keyId).build();
                this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(jwk)));
            } catch (IOException | java.security.GeneralSecurityException e) {
                throw new IllegalStateException("test signing key " + resource + " unreadable", e);
            }
        }

        String sign(Consumer<JwtClaimsSet.Builder> claims) {
            Instant now = Instant.now();
            JwtClaimsSet.Builder builder = JwtClaimsSet.builder().issuer(ISSUER).issuedAt(now)
                    .expiresAt(now.plus(1, ChronoUnit.HOURS));
            claims.accept(builder);
            JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keyId).build();
            return encoder.encode(JwtEncoderParameters.from(header, builder.build())).getTokenValue();
        }
    }
}
