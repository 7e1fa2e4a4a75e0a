package org.skillpath.progress.xapi;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.skillpath.kit.security.KitSecurity;
import org.skillpath.progress.lrscredentials.LrsClientAuthenticationProvider;
import org.skillpath.progress.lrscredentials.LrsCredentials;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.ObjectMapper;

/**
 * The LRS endpoints (/xapi/**) accept what L&D platforms send an LRS: a client-credentials token with the scope
 * {@code xapi:write}, or HTTP Basic with the organisation's LRS credentials. Their own chain, ahead of the kit's
 * default one and built on the same defaults (stateless, no sessions, problem details), adds Basic with
 * {@link LrsClientAuthenticationProvider}; either way the caller is a client of one organisation with that scope.
 * The version filter runs before any chain, so even these refusals carry {@code X-Experience-API-Version}.
 */
@Configuration(proxyBeanMethods = false)
class XapiSecurityConfiguration {

    static final String REALM = "Skillpath LRS";

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE - 200)
    SecurityFilterChain xapiSecurityFilterChain(HttpSecurity http, KitSecurity kit, LrsCredentials credentials,
                                                ObjectMapper json) throws Exception {
        Refusals refusals = new Refusals(kit, json);
        kit.apply(http)
                .securityMatcher("/xapi/**")
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(refusals))
                .authenticationProvider(new LrsClientAuthenticationProvider(credentials))
                .exceptionHandling(e -> e.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                .authorizeHttpRequests(auth -> auth.anyRequest().hasAuthority("SCOPE_" + LrsCredentials.SCOPE));
        return http.build();
    }

    /** 401 and 403 as problem details that say which credentials the LRS takes. */
    static final class Refusals implements AuthenticationEntryPoint, AccessDeniedHandler {

        private final KitSecurity kit;
        private final ObjectMapper json;

        Refusals(KitSecurity kit, ObjectMapper json) {
            this.kit = kit;
            this.json = json;
        }

        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
                throws IOException {
            if (e instanceof OAuth2AuthenticationException) {
                // A bad bearer token: the kit's answer, with its RFC 6750 error in the challenge.
                kit.handlers().commence(request, response, e);
                return;
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", Bearer");
            write(request, response, 401, "Unauthorized", e instanceof BadCredentialsException
                    ? "the LRS credentials were refused (unknown key, wrong secret or revoked)"
                    : "requires LRS credentials (HTTP Basic) or a bearer token with the scope " + LrsCredentials.SCOPE);
        }

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
                throws IOException {
            write(request, response, 403, "Forbidden", "requires the scope " + LrsCredentials.SCOPE
                    + " (an L&D platform's client token) or the organisation's LRS credentials");
        }

        private void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
                           String detail) throws IOException {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "https://skillpath.dev/problems/" + status);
            problem.put("title", title);
            problem.put("status", status);
            problem.put("detail", detail);
            problem.put("instance", request.getRequestURI());
            response.setStatus(status);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(json.writeValueAsString(problem));
        }
    }
}
