package org.skillpath.kit.security;

import java.util.Set;

/**
 * Who is calling, as the token (or an integration's credentials) says: a person of an organisation with roles,
 * or an integration client of an organisation with scopes. The organisation never comes from the request.
 *
 * @param subject the person id for people, the client id for integration clients
 * @param orgId   the tenant every read and write of the request is confined to
 * @param roles   {@code EMPLOYEE}, {@code MANAGER}, {@code LD_ADMIN} (people only)
 * @param scopes  e.g. {@code people:write}, {@code xapi:write} (integration clients)
 * @param client  true for integration clients (client-credentials tokens, xAPI Basic credentials)
 */
public record Caller(String subject, String orgId, Set<String> roles, Set<String> scopes, boolean client) {

    public static final String EMPLOYEE = "EMPLOYEE";
    public static final String MANAGER = "MANAGER";
    public static final String LD_ADMIN = "LD_ADMIN";

    public Caller {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }

    public static Caller person(String personId, String orgId, Set<String> roles) {
        return new Caller(personId, orgId, roles, Set.of(), false);
    }

    public static Caller client(String clientId, String orgId, Set<String> scopes) {
        return new Caller(clientId, orgId, Set.of(), scopes, true);
    }

    public boolean isPerson() {
        return !client;
    }

    /** True when this caller is the given person (never for clients, whose subject is a client id). */
    public boolean is(String personId) {
        return !client && subject.equals(personId);
    }

    public boolean hasRole(String role) {
        return !client && roles.contains(role);
    }

    public boolean hasScope(String scope) {
        return client && scopes.contains(scope);
    }

    public boolean isAdmin() {
        return hasRole(LD_ADMIN);
    }
}
