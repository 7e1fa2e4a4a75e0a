package org.skillpath.issuer;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import org.skillpath.issuer.PeopleDirectory.Person;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * The Skillpath token contract: people get {@code sub} = person id, {@code org} and
 * {@code roles}; integration clients get {@code sub} = client id, the {@code org} of their registration and a
 * space-separated {@code scope}. {@link DemoTokens} builds its tokens from the same methods.
 */
final class SkillpathClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String ORG = "org";
    static final String ROLES = "roles";
    static final String SCOPE = "scope";

    private final PeopleDirectory directory;

    SkillpathClaims(PeopleDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (!accessToken && !idToken) {
            return;
        }
        Map<String, Object> claims;
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            claims = forClient(context.getRegisteredClient().getClientId(),
                    IssuerClients.org(context.getRegisteredClient()), context.getAuthorizedScopes());
        } else {
            // looked up again on every issue (refresh too), so role changes in the directory take effect
            Person person = directory.find(context.getPrincipal().getName()).orElseThrow(() ->
                    new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                            "the person is no longer in the directory", null)));
            claims = forPerson(person);
            if (accessToken && !context.getAuthorizedScopes().isEmpty()) {
                claims.put(SCOPE, scope(context.getAuthorizedScopes()));
            }
        }
        context.getClaims().claims(c -> c.putAll(claims));
    }

    static Map<String, Object> forPerson(Person person) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(JwtClaimNames.SUB, person.personId());
        claims.put(ORG, person.org());
        claims.put(ROLES, person.roles());
        claims.put(StandardClaimNames.NAME, person.displayName());
        claims.put(StandardClaimNames.PREFERRED_USERNAME, person.username());
        return claims;
    }

    static Map<String, Object> forClient(String clientId, String org, Collection<String> scopes) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(JwtClaimNames.SUB, clientId);
        claims.put(ORG, org);
        claims.put(SCOPE, scope(scopes));
        return claims;
    }

    /** The contract wants the RFC 9068 form (one space-separated string), not the JSON array Spring writes. */
    static String scope(Collection<String> scopes) {
        return String.join(" ", new TreeSet<>(scopes));
    }
}
