package org.skillpath.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The production-like stack cannot be run here (no Docker engine), so its file is checked: every container
 * has a healthcheck and a memory limit, the services wait for healthy infrastructure and run their compose
 * profile, published ports stay on loopback; and `docker-compose config` accepts it where the tool exists.
 */
class ComposeFileTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final List<String> SERVICES = List.of("assessment-service", "plan-service", "progress-service", "notification-service");

    @SuppressWarnings("unchecked")
    Map<String, Object> compose() throws IOException {
        try (InputStream in = Files.newInputStream(ROOT.resolve("docker-compose.yml"))) {
            return (Map<String, Object>) new Yaml().load(in);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyContainerHasAHealthcheckAndAMemoryLimitAndServicesWaitForHealthyInfrastructure() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertThat(services).containsKeys("kafka", "mongo", "mailpit");
        assertThat(services).containsKeys(SERVICES.toArray(String[]::new));
        services.forEach((name, value) -> {
            Map<String, Object> s = (Map<String, Object>) value;
            assertThat(s).as(name + " healthcheck").containsKey("healthcheck");
            assertThat((Map<String, Object>) s.get("healthcheck")).as(name).containsKey("test");
            assertThat(s).as(name + " memory limit").containsKey("mem_limit");
            for (Object port : (List<Object>) s.getOrDefault("ports", List.of())) {
                assertThat(port.toString()).as(name + " publishes on loopback only").startsWith("127.0.0.1:");
            }
        });
        for (String name : SERVICES) {
            Map<String, Object> s = (Map<String, Object>) services.get(name);
            Map<String, Object> deps = (Map<String, Object>) s.get("depends_on");
            assertThat(deps).as(name).containsKeys("kafka", "mongo");
            deps.values().forEach(d -> assertThat(((Map<String, Object>) d).get("condition")).isEqualTo("service_healthy"));
            assertThat(((Map<String, Object>) s.get("environment")).get("SPRING_PROFILES_ACTIVE")).isEqualTo("compose");
            assertThat(((Map<String, Object>) ((Map<String, Object>) s.get("build")).get("args")).get("SERVICE")).isEqualTo(name);
        }
        assertThat((Map<String, Object>) ((Map<String, Object>) services.get("notification-service")).get("depends_on"))
                .containsKey("mailpit");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceHasAComposeProfilePointingAtTheContainers() throws IOException {
        for (String name : SERVICES) {
            boolean found = false;
            try (InputStream in = Files.newInputStream(ROOT.resolve(name).resolve("src/main/resources/application.yml"))) {
                for (Object doc : new Yaml().loadAll(in)) {
                    String text = String.valueOf(doc);
                    if (text.contains("on-profile=compose")) {
                        found = true;
                        assertThat(text).as(name).contains("mongodb://mongo:27017/").contains("kafka:9092");
                        if (name.equals("notification-service")) {
                            assertThat(text).contains("mailpit");
                        }
                    }
                }
            }
            assertThat(found).as(name + " has a compose profile").isTrue();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEveryServiceAndGrafanaShowsThePipeline() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertThat(services).containsKeys("prometheus", "grafana");
        String scrape = Files.readString(ROOT.resolve("docker/prometheus/prometheus.yml"));
        assertThat(scrape).contains("/actuator/prometheus");
        for (String name : SERVICES) {
            assertThat(scrape).contains(name + ":");
        }
        assertThat(Files.readString(ROOT.resolve("docker/grafana/provisioning/datasources/prometheus.yml")))
                .contains("http://prometheus:9090");
        String dashboard = Files.readString(ROOT.resolve("docker/grafana/dashboards/skillpath-pipeline.json"));
        // The dashboard reads the meters the services really publish (see TracingIT and the kit).
        assertThat(dashboard).contains("skillpath_events_consumed_total", "skillpath_events_age_seconds_bucket",
                "skillpath_deadletters", "skillpath_outbox_backlog", "skillpath_nudges_sent_total", "jvm_memory_used_bytes");
        Map<String, Object> parsed = new Yaml().load(dashboard); // JSON is YAML
        assertThat((List<Object>) parsed.get("panels")).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void dockerComposeAcceptsTheFileWhereTheToolExists() throws Exception {
        Path tool = Path.of("/usr/bin/docker-compose");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(tool), "docker-compose is not installed");
        Process p = new ProcessBuilder(tool.toString(), "-f", ROOT.resolve("docker-compose.yml").toString(), "config", "-q")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }
}
