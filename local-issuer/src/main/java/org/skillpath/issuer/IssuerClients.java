package org.skillpath.issuer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/** The clients of {@code skillpath.issuer.clients}, registered with hashed secrets and their organisation. */
final class IssuerClients {

    private static final String ORG_SETTING = "skillpath.org";
    private static final Pattern ORG = Pattern.compile("[a-z0-9-]{1,63}");
    private static final Set<String> GRANTS = Set.of(AuthorizationGrantType.CLIENT_CREDENTIALS.getValue(),
            AuthorizationGrantType.AUTHORIZATION_CODE.getValue(), AuthorizationGrantType.REFRESH_TOKEN.getValue());
    /** A working day in the dashboard without logging in again. */
    private static final Duration REFRESH_TOKEN_TTL = Duration.ofHours(8);

    private IssuerClients() {
    }

    static RegisteredClientRepository repository(IssuerProperties properties, PasswordEncoder encoder) {
        List<RegisteredClient> registered = new ArrayList<>();
        for (IssuerProperties.Client c : properties.clients()) {
            registered.add(register(c, properties.accessTokenTtl(), encoder));
        }
        if (registered.isEmpty()) {
            throw new IllegalStateException("skillpath.issuer.clients is empty");
        }
        return new InMemoryRegisteredClientRepository(registered);
    }

    static String org(RegisteredClient client) {
        return client.getClientSettings().getSetting(ORG_SETTING);
    }

    private static RegisteredClient register(IssuerProperties.Client c, Duration accessTokenTtl, PasswordEncoder encoder) {
        String id = c.clientId();
        if (id == null || id.isBlank()) {
            throw new IllegalStateException("a client without client-id");
        }
        if (c.org() == null || !ORG.matcher(c.org()).matches()) {
            throw new IllegalStateException(id + ": org must be 1-63 lowercase letters, digits or hyphens");
        }
        if (c.grantTypes().isEmpty() || !GRANTS.containsAll(c.grantTypes())) {
            throw new IllegalStateException(id + ": grant-types must be among " + GRANTS);
        }
        if (c.isPublic() && c.grantTypes().contains(AuthorizationGrantType.CLIENT_CREDENTIALS.getValue())) {
            throw new IllegalStateException(id + ": client_credentials needs a secret");
        }
        RegisteredClient.Builder b = RegisteredClient.withId(id).clientId(id)
                .scopes(s -> s.addAll(c.scopes()))
                .redirectUris(r -> r.addAll(c.redirectUris()))
                .postLogoutRedirectUris(r -> r.addAll(c.postLogoutRedirectUris()))
                .authorizationGrantTypes(g -> c.grantTypes().forEach(t -> g.add(new AuthorizationGrantType(t))))
                .clientSettings(ClientSettings.builder()
                        // a public client proves possession of its authorization code with PKCE (S256)
                        .requireProofKey(c.isPublic())
                        .requireAuthorizationConsent(false)
                        .setting(ORG_SETTING, c.org())
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(accessTokenTtl)
                        .refreshTokenTimeToLive(REFRESH_TOKEN_TTL)
                        // rotation: a leaked refresh token of a public client is good for one use only
                        .reuseRefreshTokens(false)
                        .build());
        if (c.isPublic()) {
            b.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            b.clientSecret(encoder.encode(c.secret()))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        }
        return b.build();
    }
}
