package org.skillpath.kit.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * 401 and 403 from the security filters as RFC 9457 problem details, like every other refusal; the 401 also
 * carries the RFC 6750 {@code WWW-Authenticate: Bearer} challenge clients expect. A token that could not be
 * checked at all (the issuer's key set did not answer) is not the caller's fault: 503 with {@code Retry-After}.
 */
public final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler,
        AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemSecurityHandlers.class);
    static final String RETRY_AFTER_SECONDS = "5";

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException e) throws IOException {
        if (e instanceof AuthenticationServiceException) {
            log.warn("bearer token not checked, answering 503: {}", e.getMessage());
            response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
            write(response, request, 503, "Service Unavailable",
                    "the bearer token could not be checked: the token issuer's keys are unreachable; retry shortly");
            return;
        }
        commence(request, response, e);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String detail;
        String challenge;
        if (e instanceof OAuth2AuthenticationException oauth) {
            String description = oauth.getError().getDescription();
            detail = "the bearer token was refused: " + (description != null ? description : oauth.getError().getErrorCode());
            challenge = "Bearer error=\"" + oauth.getError().getErrorCode() + "\", error_description=\""
                    + safe(description != null ? description : "invalid token") + "\"";
        } else {
            detail = "a bearer token is required";
            challenge = "Bearer";
        }
        response.setHeader("WWW-Authenticate", challenge);
        write(response, request, 401, "Unauthorized", detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, request, 403, "Forbidden", "the caller may not do this");
    }

    static void write(HttpServletResponse response, HttpServletRequest request, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"https://skillpath.dev/problems/" + status + "\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + json(detail) + "\",\"instance\":\""
                + json(request.getRequestURI()) + "\"}");
    }

    private static String safe(String s) {
        return s.replace('"', '\'').replace('\\', '/');
    }

    private static String json(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
