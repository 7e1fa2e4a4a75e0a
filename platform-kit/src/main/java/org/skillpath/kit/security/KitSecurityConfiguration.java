package org.skillpath.kit.security;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestTemplate;

/**
 * Every endpoint a service has, and every one it adds later, needs a valid token unless listed public: the
 * default is closed. Object-level rules (whose plan, which team) live with each feature, on the {@link Caller}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class KitSecurityConfiguration {

    @Bean
    KitSecurity kitSecurity(SecurityProperties properties) {
        return new KitSecurity(properties);
    }

    /**
     * Our own decoder rather than Boot's so that the test key can replace the JWKS without unsetting
     * properties, and the issuer is checked either way.
     */
    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(SecurityProperties properties, ResourceLoader resources, java.time.Clock clock) throws Exception {
        SecurityProperties.Jwt jwt = properties.jwt();
        NimbusJwtDecoder decoder;
        if (StringUtils.hasText(jwt.publicKey())) {
            try (var in = resources.getResource(jwt.publicKey()).getInputStream()) {
                String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                        .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
                decoder = NimbusJwtDecoder.withPublicKey(key).build();
            }
        } else if (StringUtils.hasText(jwt.jwkSetUri())) {
            // bounded, so that an issuer that hangs costs a request its timeout and a 503, not a thread indefinitely
            var requests = new SimpleClientHttpRequestFactory();
            requests.setConnectTimeout(jwt.jwksTimeout());
            requests.setReadTimeout(jwt.jwksTimeout());
            decoder = NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri())
                    .restOperations(new RestTemplate(requests)).build();
        } else {
            throw new IllegalStateException("set skillpath.security.jwt.jwk-set-uri (the token issuer's JWKS) "
                    + "or skillpath.security.jwt.public-key");
        }
        decoder.setJwtValidator(StringUtils.hasText(jwt.issuer())
                ? JwtValidators.createDefaultWithIssuer(jwt.issuer()) : JwtValidators.createDefault());
        return jwt.cacheTtl().isZero() ? decoder : new VerifiedTokens(decoder, jwt.cacheTtl(), clock);
    }

    /**
     * No observation (and span) around each of the chain's filters: a dozen per request, about 7 % of
     * assessment-service's CPU per recorded assessment in the pipeline benchmark, for spans nobody reads. The
     * request keeps its HTTP server observation, and authentication and authorization stay observed.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.withDefaults().shouldObserveRequests(false).build();
    }

    /**
     * The firewall refuses URLs with encoded semicolons, double slashes, ... before any controller: as a problem
     * like every other refusal, not Boot's plain error JSON.
     */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler problemRequestRejectedHandler() {
        return (request, response, rejected) -> ProblemSecurityHandlers.write(response, request, 400, "Invalid request",
                "the request URL is not acceptable: " + rejected.getMessage());
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE - 100)
    @ConditionalOnMissingBean(name = "skillpathSecurityFilterChain")
    SecurityFilterChain skillpathSecurityFilterChain(HttpSecurity http, KitSecurity kit) throws Exception {
        String[] open = kit.publicPaths().toArray(String[]::new);
        kit.apply(http).authorizeHttpRequests(auth -> auth
                .requestMatchers(open).permitAll()
                .anyRequest().authenticated());
        return http.build();
    }
}
