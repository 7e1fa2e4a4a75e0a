package org.skillpath.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The runnable jars the launcher and the Dockerfile use carry the services and their production
 * dependencies only: no embedded broker, store or SMTP server, no test libraries. (Failsafe runs after the
 * services were packaged, so the jars exist.)
 */
class RunnableJarsIT {

    static final List<String> FORBIDDEN = List.of("kafka_2.13", "kafka-server", "mongo-java-server", "greenmail",
            "embedded-infra", "junit", "h2-", "local-issuer", "spring-security-oauth2-authorization-server");

    @ParameterizedTest
    @ValueSource(strings = {"assessment-service", "plan-service", "progress-service", "notification-service"})
    void carriesNoEmbeddedInfrastructure(String service) throws Exception {
        Path jar = Path.of("..", service, "target", service + "-0.1.0-SNAPSHOT-exec.jar");
        assertThat(jar).exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> libs = file.stream().map(e -> e.getName()).filter(n -> n.startsWith("BOOT-INF/lib/")).toList();
            assertThat(libs).anyMatch(n -> n.contains("platform-kit"));
            for (String forbidden : FORBIDDEN) {
                assertThat(libs).as(service + " must not ship " + forbidden).noneMatch(n -> n.startsWith("BOOT-INF/lib/" + forbidden));
            }
        }
        assertThat(Files.size(jar)).isPositive();
    }
}
