package org.skillpath.kit.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

/**
 * The security every service shares: stateless bearer tokens, the caller read from the token, problem details
 * for 401/403 (and 503 when the issuer's keys cannot be fetched), and a deny-by-default rule set in which only
 * health, prometheus, the API documents and the paths a service declares public are open. A service that needs a second chain (e.g. xAPI's Basic
 * credentials) builds it with {@link #apply} so it inherits the same defaults.
 */
public class KitSecurity {

    static final List<String> ALWAYS_PUBLIC = List.of("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
            "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**", "/asyncapi",
            "/error");

    private final SecurityProperties properties;
    private final ProblemSecurityHandlers handlers = new ProblemSecurityHandlers();

    public KitSecurity(SecurityProperties properties) {
        this.properties = properties;
    }

    public List<String> publicPaths() {
        List<String> paths = new ArrayList<>(ALWAYS_PUBLIC);
        paths.addAll(properties.publicPaths());
        return paths;
    }

    /** Stateless, no CSRF (no cookies: bearer tokens only), JWT resource server, problem-details refusals. */
    public HttpSecurity apply(HttpSecurity http) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .anonymous(Customizer.withDefaults())
                .exceptionHandling(e -> e.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
                .oauth2ResourceServer(rs -> rs
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                // the filter's own handler rethrows a token it could not check, which ends as a 500
                                filter.setAuthenticationFailureHandler(handlers);
                                return filter;
                            }
                        })
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new CallerTokenConverter()))
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers));
    }

    public ProblemSecurityHandlers handlers() {
        return handlers;
    }
}
