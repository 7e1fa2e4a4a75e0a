package org.skillpath.issuer;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.util.UriComponentsBuilder;

/** The authorization server: keys, people, clients, the token contract and the two security filter chains. */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class IssuerConfiguration {

    /** Loopback only and the configured port, whatever {@code server.*} the JVM's environment carries. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableWebServerFactory> loopbackOnly(IssuerProperties properties) {
        return factory -> {
            factory.setAddress(InetAddress.getLoopbackAddress());
            factory.setPort(properties.port());
        };
    }

    @Bean
    RSAKey signingKey(IssuerProperties properties) {
        return SigningKey.loadOrCreate(properties.dataDir() == null ? null
                : properties.dataDir().resolve(IssuerProperties.KEY_FILE));
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(RSAKey signingKey) {
        return new ImmutableJWKSet<>(new JWKSet(signingKey));
    }

    @Bean
    JwtEncoder jwtEncoder(JWKSource<SecurityContext> jwkSource) {
        return new NimbusJwtEncoder(jwkSource);
    }

    /** For the OIDC userinfo endpoint, which takes an access token of this issuer. */
    @Bean
    JwtDecoder jwtDecoder(RSAKey signingKey) throws JOSEException {
        return NimbusJwtDecoder.withPublicKey(signingKey.toRSAPublicKey()).build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    PeopleDirectory peopleDirectory(IssuerProperties properties) {
        return new PeopleDirectory(properties.directory());
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(IssuerProperties properties, PasswordEncoder encoder) {
        return IssuerClients.repository(properties, encoder);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IssuerProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.url()).build();
    }

    @Bean
    OAuth2AuthorizationService authorizationService() {
        return new InteractiveAuthorizations();
    }

    @Bean
    OAuth2TokenGenerator<?> tokenGenerator(JwtEncoder encoder, PeopleDirectory directory) {
        JwtGenerator jwts = new JwtGenerator(encoder);
        jwts.setJwtCustomizer(new SkillpathClaims(directory));
        return new DelegatingOAuth2TokenGenerator(jwts, new PublicClientRefresh.Tokens());
    }

    @Bean
    DemoTokens demoTokens(JwtEncoder encoder, PeopleDirectory directory, RegisteredClientRepository clients,
                          IssuerProperties properties) {
        return new DemoTokens(encoder, directory, clients, properties);
    }

    /**
     * The dashboard's page exchanges its code and refreshes from JavaScript on another origin, so the protocol
     * endpoints answer CORS requests from the origins of the registered redirect URIs (Keycloak's
     * {@code webOrigins: ["+"]}), and from nowhere else.
     */
    @Bean
    CorsConfigurationSource corsConfigurationSource(IssuerProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        properties.clients().stream().flatMap(c -> c.redirectUris().stream())
                .map(uri -> UriComponentsBuilder.fromUriString(uri).replacePath(null).replaceQuery(null).build().toUriString())
                .distinct().forEach(cors::addAllowedOrigin);
        cors.setAllowedMethods(List.of("GET", "POST"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    /** The protocol endpoints (authorize, token, JWKS, discovery, userinfo). */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain protocolEndpoints(HttpSecurity http, RegisteredClientRepository clients) throws Exception {
        MediaTypeRequestMatcher browsers = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        browsers.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        http.oauth2AuthorizationServer(server -> {
                    // only the protocol endpoints; the login form is the other chain
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(oidc -> oidc.logoutEndpoint(logout -> logout.authenticationProviders(providers ->
                                    providers.stream().filter(OidcLogoutAuthenticationProvider.class::isInstance)
                                            .map(OidcLogoutAuthenticationProvider.class::cast)
                                            .forEach(p -> p.setAuthenticationValidator(new PostLogoutRedirects())))))
                            .clientAuthentication(c -> c
                                    .authenticationConverter(new PublicClientRefresh.Converter())
                                    .authenticationProvider(new PublicClientRefresh.Provider(clients)))
                            .tokenEndpoint(t -> t.accessTokenRequestConverter(new DefaultClientScopes()));
                })
                .cors(Customizer.withDefaults())
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults()))
                // a browser on /oauth2/authorize without a session goes to the login form
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), browsers));
        return http.build();
    }

    /** Everything else: the login form (Spring Security's generated page) for the people of the directory. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    SecurityFilterChain loginForm(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a.requestMatchers("/error").permitAll().anyRequest().authenticated())
                .formLogin(Customizer.withDefaults());
        return http.build();
    }
}
