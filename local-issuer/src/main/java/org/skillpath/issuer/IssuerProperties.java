package org.skillpath.issuer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code skillpath.issuer.*} from {@code local-issuer.yml}.
 *
 * @param port           the port on 127.0.0.1 (the issuer never listens on other interfaces)
 * @param url            the issuer URL put into {@code iss}; blank means {@code http://127.0.0.1:<port>}
 * @param dataDir        where the signing key (and by default the people directory) live; blank means an
 *                       ephemeral key and no people unless {@code directory} is set
 * @param directory      the people directory JSON file; blank means {@code <dataDir>/issuer-people.json}
 * @param accessTokenTtl lifetime of access and ID tokens
 * @param demoClientId   the client whose authorization-code tokens {@link DemoTokens#mint} imitates
 * @param clients        the registered clients
 */
@ConfigurationProperties("skillpath.issuer")
public record IssuerProperties(int port, String url, Path dataDir, Path directory, Duration accessTokenTtl,
                               String demoClientId, List<Client> clients) {

    public static final String PEOPLE_FILE = "issuer-people.json";
    public static final String KEY_FILE = "issuer-key.json";

    public IssuerProperties {
        if (port <= 0) {
            port = 9000;
        }
        if (url == null || url.isBlank()) {
            url = "http://127.0.0.1:" + port;
        }
        if (directory == null && dataDir != null) {
            directory = dataDir.resolve(PEOPLE_FILE);
        }
        if (accessTokenTtl == null) {
            accessTokenTtl = Duration.ofHours(1);
        }
        if (demoClientId == null || demoClientId.isBlank()) {
            demoClientId = "skillpath-dashboard";
        }
        clients = clients == null ? List.of() : List.copyOf(clients);
    }

    /**
     * One registered client. No secret means a public client (authorization code with PKCE only).
     *
     * @param org          the tenant the client acts for: the {@code org} claim of its tokens
     * @param redirectUris only for the authorization-code grant
     * @param postLogoutRedirectUris where the issuer may send the browser after an RP-initiated logout
     */
    public record Client(String clientId, String secret, String org, List<String> scopes, List<String> grantTypes,
                         List<String> redirectUris, List<String> postLogoutRedirectUris) {

        public Client {
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
            grantTypes = grantTypes == null ? List.of() : List.copyOf(grantTypes);
            redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
            postLogoutRedirectUris = postLogoutRedirectUris == null ? List.of() : List.copyOf(postLogoutRedirectUris);
        }

        boolean isPublic() {
            return secret == null || secret.isBlank();
        }
    }
}
