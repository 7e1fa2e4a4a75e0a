package org.skillpath.issuer;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A client-credentials request without {@code scope} gets all the scopes the client is registered for
 * (RFC 6749 3.3 lets the server pick a default; Keycloak does the same with default client scopes). Spring's
 * default is no scope at all, which would make {@code curl -u demo-hr:demo-hr-secret -d grant_type=client_credentials}
 * return a token that no service accepts. A requested scope the client does not have is still refused.
 */
final class DefaultClientScopes implements AuthenticationConverter {

    private final OAuth2ClientCredentialsAuthenticationConverter delegate = new OAuth2ClientCredentialsAuthenticationConverter();

    @Override
    public Authentication convert(HttpServletRequest request) {
        Authentication converted = delegate.convert(request);
        if (converted instanceof OAuth2ClientCredentialsAuthenticationToken token && token.getScopes().isEmpty()
                && token.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                && client.getRegisteredClient() != null) {
            Set<String> scopes = new LinkedHashSet<>(client.getRegisteredClient().getScopes());
            scopes.remove(OidcScopes.OPENID);
            return new OAuth2ClientCredentialsAuthenticationToken(client, scopes, token.getAdditionalParameters());
        }
        return converted;
    }
}
