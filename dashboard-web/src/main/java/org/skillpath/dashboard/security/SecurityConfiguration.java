package org.skillpath.dashboard.security;

import org.skillpath.dashboard.DashboardProperties;
import org.skillpath.dashboard.api.SkillpathApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Sign-in with the issuer (OpenID Connect, authorization code + PKCE, public client) and a server-side session:
 * the tokens stay in the session on the server, the browser only holds the session cookie. CSRF protection
 * stays on for every form (Thymeleaf puts the token in).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    static final String SIGN_IN = "/oauth2/authorization/" + SkillpathApi.REGISTRATION_ID;

    @Bean
    ClientRegistrationRepository clientRegistrations(DashboardProperties properties) {
        return new IssuerRegistration(properties);
    }

    /** Tokens live in the session, so signing out (or the session expiring) forgets them. */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClients() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    /** Gives each API call the signed-in person's access token, refreshing it with the refresh token. */
    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
                                                          OAuth2AuthorizedClientRepository clients) {
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode().refreshToken().build());
        return manager;
    }

    @Bean
    SecurityFilterChain pageSecurity(HttpSecurity http, DashboardProperties properties,
                                     ClientRegistrationRepository registrations) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/css/**", "/favicon.svg", "/signed-out", "/sign-in-failed", "/error",
                                "/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        // straight to the issuer: there is one way to sign in, so no page to choose it
                        .loginPage(SIGN_IN)
                        .loginProcessingUrl(IssuerRegistration.CALLBACK_PATH)
                        .failureUrl("/sign-in-failed"))
                .oauth2Client(Customizer.withDefaults())
                .logout(logout -> logout.logoutSuccessHandler(signOutAtTheIssuer(registrations)))
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
                                + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                                // a form posted after the session expired is redirected on to the issuer
                                + "form-action 'self' " + origin(properties.issuer())))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * Signing out ends the issuer's session too (OpenID Connect RP-initiated logout), so that on a shared computer
     * the next person to sign in is asked for a password; the issuer then sends the browser to /signed-out.
     */
    private static OidcClientInitiatedLogoutSuccessHandler signOutAtTheIssuer(ClientRegistrationRepository registrations) {
        OidcClientInitiatedLogoutSuccessHandler handler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        handler.setPostLogoutRedirectUri("{baseUrl}/signed-out");
        // an issuer without an end-session endpoint: at least the dashboard's own session ends
        handler.setDefaultTargetUrl("/signed-out");
        return handler;
    }

    private static String origin(String url) {
        return UriComponentsBuilder.fromUriString(url).replacePath(null).replaceQuery(null).build().toUriString();
    }
}
