package org.skillpath.dashboard.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who is signed in, from the issuer's ID token (the token contract's {@code sub}, {@code name} and
 * {@code roles}). The roles only choose which pages the navigation offers; what each page may show is
 * decided by the services, from the access token.
 */
public record SignedIn(String personId, String name, Set<String> roles) {

    public static final String EMPLOYEE = "EMPLOYEE";
    public static final String MANAGER = "MANAGER";
    public static final String LD_ADMIN = "LD_ADMIN";
    private static final Set<String> KNOWN_ROLES = Set.of(EMPLOYEE, MANAGER, LD_ADMIN);

    public static SignedIn of(OidcUser user) {
        String name = user.getFullName() != null ? user.getFullName()
                : user.getPreferredUsername() != null ? user.getPreferredUsername() : user.getSubject();
        return new SignedIn(user.getSubject(), name, Set.copyOf(roles(user.getClaimAsStringList("roles"))));
    }

    public boolean manager() {
        return roles.contains(MANAGER);
    }

    public boolean admin() {
        return roles.contains(LD_ADMIN);
    }

    /** Where "/" leads: a manager to the team, an L&D admin (not managing anyone) to the organisation, else my plan. */
    public String home() {
        if (manager()) {
            return "/team";
        }
        return admin() ? "/organisation" : "/me";
    }

    private static List<String> roles(Collection<String> claim) {
        List<String> roles = new ArrayList<>();
        if (claim != null) {
            claim.stream().filter(KNOWN_ROLES::contains).forEach(roles::add);
        }
        return roles;
    }
}
