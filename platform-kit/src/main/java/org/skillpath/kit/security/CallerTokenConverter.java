package org.skillpath.kit.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Reads a verified JWT into a {@link Caller} (see contracts' token contract): {@code sub} is the person or
 * client, {@code org} the tenant, {@code roles} → {@code ROLE_*}, {@code scope} → {@code SCOPE_*}. A token
 * without a well-formed organisation cannot act for anyone, so it is refused as invalid (401).
 */
public class CallerTokenConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    public static final Pattern ORG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Set<String> ROLES = Set.of(Caller.EMPLOYEE, Caller.MANAGER, Caller.LD_ADMIN);

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String org = jwt.getClaimAsString("org");
        if (org == null || !ORG.matcher(org).matches()) {
            throw new InvalidBearerTokenException("the token carries no valid organisation (claim org)");
        }
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new InvalidBearerTokenException("the token carries no subject");
        }
        Set<String> roles = new LinkedHashSet<>();
        List<String> roleClaim = jwt.hasClaim("roles") ? jwt.getClaimAsStringList("roles") : null;
        if (roleClaim != null) {
            roleClaim.stream().filter(ROLES::contains).forEach(roles::add);
        }
        Set<String> scopes = new LinkedHashSet<>(scopes(jwt));
        // People have roles; a token with none is an integration client's (client-credentials grant).
        Caller caller = roles.isEmpty() ? Caller.client(subject, org, scopes) : Caller.person(subject, org, roles);
        Collection<GrantedAuthority> authorities = new ArrayList<>();
        caller.roles().forEach(r -> authorities.add(new SimpleGrantedAuthority("ROLE_" + r)));
        caller.scopes().forEach(s -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + s)));
        return new CallerAuthentication(jwt, authorities, caller);
    }

    private static List<String> scopes(Jwt jwt) {
        Object scope = jwt.getClaim("scope");
        if (scope instanceof String s) {
            return s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
        }
        if (jwt.hasClaim("scp")) {
            return jwt.getClaimAsStringList("scp");
        }
        return scope instanceof Collection<?> c ? c.stream().map(String::valueOf).toList() : List.of();
    }
}
