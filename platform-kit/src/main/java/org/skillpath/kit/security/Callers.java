package org.skillpath.kit.security;

import java.util.List;

import org.skillpath.kit.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The caller of the current request, from the security context. */
public final class Callers {

    private Callers() {
    }

    /** The authenticated caller; a 401 problem when the request carries none (a public path asking for one). */
    public static Caller current() {
        Caller caller = from(SecurityContextHolder.getContext().getAuthentication());
        if (caller == null) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Unauthorized", "a bearer token is required", List.of());
        }
        return caller;
    }

    static Caller from(Authentication authentication) {
        if (authentication == null) {
            return null;
        }
        if (authentication instanceof CallerAuthentication token) {
            return token.caller();
        }
        if (authentication.getPrincipal() instanceof CallerPrincipal principal) {
            return principal.caller();
        }
        return null;
    }

    /** Refuses (403) unless the caller is a person with one of the roles. */
    public static Caller requireRole(String... roles) {
        Caller caller = current();
        for (String role : roles) {
            if (caller.hasRole(role)) {
                return caller;
            }
        }
        throw forbidden("requires the role " + String.join(" or ", roles));
    }

    /** Refuses (403) unless the caller is an integration client with the scope or a person with one of the roles. */
    public static Caller requireScopeOrRole(String scope, String... roles) {
        Caller caller = current();
        if (caller.hasScope(scope)) {
            return caller;
        }
        for (String role : roles) {
            if (caller.hasRole(role)) {
                return caller;
            }
        }
        throw forbidden(roles.length == 0 ? "requires the scope " + scope
                : "requires the scope " + scope + " or the role " + String.join(" or ", roles));
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, "Forbidden", detail, List.of());
    }
}
