package org.skillpath.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.skillpath.infra.EmbeddedKafka;
import org.skillpath.infra.EmbeddedMongo;
import org.skillpath.infra.EmbeddedSmtp;
import org.skillpath.issuer.LocalIssuer;
import org.skillpath.issuer.PeopleDirectory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The four services started in one JVM (separate application contexts) on one embedded broker, one store
 * and one SMTP server: what the end-to-end and fault tests drive. Each context reads its own
 * application.yml, taken from its own jar, so the four files do not shadow each other on the classpath.
 */
final class RunningSystem implements AutoCloseable {

    enum Service {
        ASSESSMENT("assessment-service", "org.skillpath.assessment.AssessmentServiceApplication"),
        PLAN("plan-service", "org.skillpath.plan.PlanServiceApplication"),
        PROGRESS("progress-service", "org.skillpath.progress.ProgressServiceApplication"),
        NOTIFICATION("notification-service", "org.skillpath.notification.NotificationServiceApplication");

        final String name;
        final String applicationClass;

        Service(String name, String applicationClass) {
            this.name = name;
            this.applicationClass = applicationClass;
        }
    }

    private static RunningSystem shared;

    final EmbeddedKafka kafka = EmbeddedKafka.shared();
    final EmbeddedMongo mongo = EmbeddedMongo.shared();
    final EmbeddedSmtp smtp = EmbeddedSmtp.start(0);
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /**
     * The real token issuer: the services verify every request's token against its JWKS, as in the local stack.
     * Its people directory ({@code issuer.directoryFile()}) is empty until a test writes the people who sign in.
     */
    final LocalIssuer.Running issuer;
    private final Map<Service, ConfigurableApplicationContext> contexts = new LinkedHashMap<>();
    private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();
    private final Path configDir;

    private RunningSystem() throws IOException {
        configDir = Files.createTempDirectory("skillpath-e2e-config");
        issuer = LocalIssuer.start(0, Files.createTempDirectory("skillpath-e2e-issuer"));
    }

    /** One running system per test JVM, shared by the end-to-end test classes. */
    static synchronized RunningSystem shared() throws Exception {
        if (shared == null) {
            RunningSystem system = new RunningSystem();
            for (Service s : Service.values()) {
                system.start(s);
            }
            shared = system;
            Runtime.getRuntime().addShutdownHook(new Thread(system::close));
        }
        return shared;
    }

    void start(Service service) throws Exception {
        Class<?> app = Class.forName(service.applicationClass);
        Path config = extractConfig(app, service.name);
        List<String> args = new ArrayList<>(List.of(
                "--spring.config.location=file:" + config,
                "--spring.profiles.active=test",
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--spring.cloud.stream.kafka.binder.brokers=" + kafka.bootstrapServers(),
                "--spring.mongodb.uri=" + mongo.uri("e2e-" + service.name),
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtp.port(),
                // A relay that died holding a lease hands over within seconds, not the production 30 s.
                "--skillpath.outbox.lease=3s",
                "--skillpath.security.jwt.jwk-set-uri=" + issuer.jwksUrl(),
                "--skillpath.security.jwt.issuer=" + issuer.issuerUrl(),
                // the end-to-end tests drive thousands of assessments per organisation in seconds
                "--skillpath.limits.mass-actions-per-minute=1000000"));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(app).run(args.toArray(String[]::new));
        contexts.put(service, context);
    }

    /** Closes and starts a service's context again: a restart, same database, same consumer group. */
    void restart(Service service) throws Exception {
        stop(service);
        start(service);
    }

    void stop(Service service) {
        ConfigurableApplicationContext context = contexts.remove(service);
        if (context != null) {
            context.close();
        }
    }

    ConfigurableApplicationContext context(Service service) {
        return contexts.get(service);
    }

    String baseUrl(Service service) {
        return "http://127.0.0.1:" + contexts.get(service).getEnvironment().getProperty("local.server.port");
    }

    HttpResponse<String> post(Service service, String path, String token, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl(service) + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(Service service, String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl(service) + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Public documents (OpenAPI, AsyncAPI): no token. */
    HttpResponse<String> getPublic(Service service, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl(service) + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A person's token from the real issuer: sub = personId, the organisation, the roles. */
    String person(String org, String personId, String... roles) {
        return issuer.demoTokens().mintPerson(new PeopleDirectory.Person(personId, null, personId, org,
                List.of(roles), null), Duration.ofHours(2));
    }

    /** An L&D admin of the organisation: sees the organisation-wide views the tests read. */
    String admin(String org) {
        return tokens.computeIfAbsent("admin " + org, k -> person(org, "e2e-admin-" + org, "EMPLOYEE", "LD_ADMIN"));
    }

    /** The organisation's HR integration: provisions people. */
    String hr(String org) {
        return tokens.computeIfAbsent("hr " + org, k -> issuer.demoTokens().mintClient("e2e-hr-" + org, org,
                java.util.Set.of("people:write", "people:read"), Duration.ofHours(2)));
    }

    /** The platform operator's client: dead letters of every service. */
    String operator() {
        return issuer.demoTokens().mintClient("e2e-ops", "platform", java.util.Set.of("ops:admin"), Duration.ofHours(2));
    }

    /** Waits until consumer group {@code group} has committed everything on {@code topic}: no lag left. */
    void awaitConsumed(String group, String topic, Duration timeout) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
                admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic).partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                        admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
                boolean done = ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                        || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue().offset()));
                if (done) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(group + " still has lag on " + topic + ": ends " + ends + ", committed " + committed);
                }
                Thread.sleep(200);
            }
        }
    }

    private Path extractConfig(Class<?> app, String name) throws IOException {
        URL location = app.getProtectionDomain().getCodeSource().getLocation();
        Path target = configDir.resolve(name).resolve("application.yml");
        Files.createDirectories(target.getParent());
        Path source = Path.of(URI.create(location.toString()));
        if (Files.isDirectory(source)) {
            Files.copy(source.resolve("application.yml"), target, StandardCopyOption.REPLACE_EXISTING);
        } else {
            try (JarFile jar = new JarFile(source.toFile());
                 InputStream in = jar.getInputStream(jar.getEntry("application.yml"))) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }

    @Override
    public void close() {
        List<Service> running = new ArrayList<>(contexts.keySet());
        for (int i = running.size() - 1; i >= 0; i--) {
            stop(running.get(i));
        }
        smtp.close();
        issuer.close();
    }
}
