package org.skillpath.issuer;

import java.net.URI;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Consumer;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.util.StringUtils;

/**
 * Where an RP-initiated logout may send the browser back to: a registered post-logout URI, where a loopback one
 * (http://127.0.0.1/...) matches on any port, as the authorization endpoint already treats loopback redirect URIs
 * (RFC 8252, 7.3). The dashboard runs on whatever port a test or a developer gives it; everything else must match
 * exactly, as Spring Authorization Server's default does.
 */
final class PostLogoutRedirects implements Consumer<OidcLogoutAuthenticationContext> {

    @Override
    public void accept(OidcLogoutAuthenticationContext context) {
        OidcLogoutAuthenticationToken logout = context.getAuthentication();
        String requested = logout.getPostLogoutRedirectUri();
        if (StringUtils.hasText(requested) && !allowed(requested, context.getRegisteredClient().getPostLogoutRedirectUris())) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                    "OpenID Connect 1.0 Logout Request Parameter: post_logout_redirect_uri", null));
        }
    }

    static boolean allowed(String requested, Collection<String> registered) {
        if (registered.contains(requested)) {
            return true;
        }
        URI asked = parse(requested);
        if (asked == null || !isLoopback(asked)) {
            return false;
        }
        return registered.stream().map(PostLogoutRedirects::parse).filter(Objects::nonNull)
                .filter(PostLogoutRedirects::isLoopback)
                .anyMatch(r -> r.getHost().equals(asked.getHost()) && Objects.equals(r.getRawPath(), asked.getRawPath())
                        && Objects.equals(r.getRawQuery(), asked.getRawQuery()) && asked.getRawFragment() == null);
    }

    private static boolean isLoopback(URI uri) {
        return "http".equals(uri.getScheme()) && ("127.0.0.1".equals(uri.getHost()) || "[::1]".equals(uri.getHost()))
                && uri.getRawUserInfo() == null;
    }

    private static URI parse(String uri) {
        try {
            return URI.create(uri);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
