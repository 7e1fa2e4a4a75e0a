package org.skillpath.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Map;

import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.security.oauth2.jwt.Jwt;

/** What has to hold across starts: the signing key survives a restart, and the issuer stays on loopback. */
class IssuerStartupIT {

    @TempDir
    Path dataDir;

    @Test
    void aTokenIssuedBeforeARestartStillVerifiesAgainstTheNewJwks() throws Exception {
        String token;
        int port;
        try (LocalIssuer.Running first = LocalIssuer.start(0, dataDir)) {
            port = first.port();
            token = IssuerHttp.json(new IssuerHttp(first.issuerUrl()).clientCredentials("demo-hr", "demo-hr-secret", null))
                    .get("access_token").asString();
        }
        Path key = dataDir.resolve("issuer-key.json");
        assertThat(key).exists();
        assertThat(Files.getPosixFilePermissions(key)).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        try (LocalIssuer.Running second = LocalIssuer.start(port, dataDir)) {
            Jwt jwt = new IssuerHttp(second.issuerUrl()).verify(token);
            assertThat(jwt.getSubject()).isEqualTo("demo-hr");
        }
    }

    @Test
    void listensOnLoopbackEvenWhenTheEnvironmentSaysOtherwiseAndTakesItsPropertiesOverItsYml() {
        try (LocalIssuer.Running issuer = LocalIssuer.start(0, null,
                // asked for the wildcard address (every interface); it must still listen on loopback only
                Map.of("server.address", new java.net.InetSocketAddress(0).getAddress().getHostAddress(),
                        "skillpath.issuer.access-token-ttl", "PT5M"))) {
            assertThat(issuer.port()).isNotEqualTo(9000);
            TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) issuer.context()).getWebServer();
            Connector connector = server.getTomcat().getConnector();
            assertThat(connector.getProperty("address")).isEqualTo(InetAddress.getLoopbackAddress());
            assertThat(server.getPort()).isEqualTo(issuer.port());

            // no data dir: an ephemeral key and nobody to log in, but clients work
            assertThat(issuer.directoryFile()).isNull();
            IssuerHttp http = new IssuerHttp(issuer.issuerUrl());
            Jwt jwt = http.verify(IssuerHttp.json(http.clientCredentials("demo-lms", "demo-lms-secret", null))
                    .get("access_token").asString());
            assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(5));
        }
    }
}
