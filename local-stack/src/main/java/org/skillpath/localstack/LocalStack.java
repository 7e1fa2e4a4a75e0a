package org.skillpath.localstack;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.skillpath.dashboard.DashboardWebApplication;
import org.skillpath.infra.EmbeddedKafka;
import org.skillpath.infra.EmbeddedMongo;
import org.skillpath.infra.EmbeddedSmtp;
import org.skillpath.infra.ServiceProcess;
import org.skillpath.issuer.LocalIssuer;

/**
 * Runs the whole system on one machine with no Docker: a real Kafka broker (KRaft), a MongoDB stand-in on an
 * H2 file, GreenMail SMTP, the OAuth2/OIDC token issuer (all in this JVM, on 127.0.0.1), and the four services
 * as separate processes.
 * Data lives in {@code .skillpath/} and survives restarts. Ctrl-C stops everything cleanly.
 */
public final class LocalStack {

    static final int KAFKA_PORT = 9092;
    static final int KAFKA_CONTROLLER_PORT = 9093;
    static final int MONGO_PORT = 27017;
    static final int SMTP_PORT = 2525;
    static final int MAIL_VIEWER_PORT = 8025;
    /** The services' default configuration trusts tokens from this issuer (JWKS at /oauth2/jwks). */
    static final int ISSUER_PORT = 9000;
    /** The dashboard's redirect URI registered at the issuer is on this port. */
    static final int DASHBOARD_PORT = 8080;

    private final Path root;
    private final Path data;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final List<AutoCloseable> infrastructure = new ArrayList<>();

    LocalStack(Path root) {
        this.root = root;
        this.data = root.resolve(".skillpath");
    }

    public static void main(String[] args) throws Exception {
        LocalStack stack = new LocalStack(Path.of("").toAbsolutePath());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.stop();
            stopped.countDown();
        }, "local-stack-shutdown"));
        try {
            stack.start();
        } catch (Exception e) {
            System.err.println("\nThe local stack did not start: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    void start() throws Exception {
        long t0 = System.nanoTime();
        Files.createDirectories(data.resolve("logs"));
        say("Starting Skillpath on embedded infrastructure (data in %s)", data);

        EmbeddedKafka kafka = EmbeddedKafka.start(data.resolve("kafka"), KAFKA_PORT, KAFKA_CONTROLLER_PORT);
        infrastructure.add(kafka);
        EmbeddedMongo mongo = EmbeddedMongo.onDisk(data.resolve("mongo").resolve("skillpath.mv"), MONGO_PORT);
        infrastructure.add(mongo);
        EmbeddedSmtp smtp = EmbeddedSmtp.start(SMTP_PORT);
        infrastructure.add(smtp);
        infrastructure.add(new MailViewer(smtp, MAIL_VIEWER_PORT));
        LocalIssuer.Running issuer = LocalIssuer.start(ISSUER_PORT, data.resolve("issuer"));
        infrastructure.add(issuer);
        say("Infrastructure up in %.1f s: Kafka %s, MongoDB %s, SMTP 127.0.0.1:%d, token issuer %s",
                seconds(t0), kafka.bootstrapServers(), mongo.connectionString(), SMTP_PORT, issuer.issuerUrl());

        services.add(new ServiceProcess("assessment-service", root, data.resolve("logs"), 8081));
        services.add(new ServiceProcess("plan-service", root, data.resolve("logs"), 8082));
        services.add(new ServiceProcess("progress-service", root, data.resolve("logs"), 8083));
        services.add(new ServiceProcess("notification-service", root, data.resolve("logs"), 8084));
        for (ServiceProcess s : services) {
            s.start(ServiceProcess.SMALL_JVM, List.of());
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        awaitHealthy(http, Duration.ofSeconds(120));
        double healthyAfter = seconds(t0);

        Map<String, String> demo = new DemoData(http, 8081, issuer.demoTokens())
                .ensureSeeded(data, issuer.directoryFile());
        DashboardWebApplication.Running dashboard = DashboardWebApplication.start(DASHBOARD_PORT, issuer.issuerUrl(),
                "http://127.0.0.1:8082", "http://127.0.0.1:8083");
        // closed before the issuer and the infrastructure on stop
        infrastructure.add(dashboard);
        long rssKb = ResidentMemory.kilobytes(ProcessHandle.current().pid());
        for (ServiceProcess s : services) {
            rssKb += ResidentMemory.kilobytes(s.pid());
        }
        say("");
        say("Skillpath is up: all four services healthy %.1f s after start; resident memory %d MB in total.",
                healthyAfter, rssKb / 1024);
        say("  assessment-service   http://127.0.0.1:8081  (API /api, OpenAPI /v3/api-docs)");
        say("  plan-service         http://127.0.0.1:8082");
        say("  progress-service     http://127.0.0.1:8083");
        say("  notification-service http://127.0.0.1:8084");
        say("  mails sent           http://127.0.0.1:%d  (JSON at /mails)", MAIL_VIEWER_PORT);
        say("  Kafka 127.0.0.1:%d, MongoDB 127.0.0.1:%d, SMTP 127.0.0.1:%d; logs in %s",
                KAFKA_PORT, MONGO_PORT, SMTP_PORT, data.resolve("logs"));
        say("  token issuer         %s  (OIDC discovery at /.well-known/openid-configuration)", issuer.issuerUrl());
        say("  dashboard            %s  (sign in as bob.manager, erin.engineer or lee.learning / %s)", dashboard.url(),
                DemoData.PASSWORD);
        say("Demo organisation '%s': %s", DemoData.ORG, demo);
        say("  people sign in as e.g. bob.manager / %s; integration clients: demo-hr, demo-lms, demo-admin-tool,",
                DemoData.PASSWORD);
        say("  demo-ops (secret <client>-secret, client-credentials grant at %s/oauth2/token)", issuer.issuerUrl());
        say("  ready-made tokens (%d h): source %s", DemoData.DEMO_TOKEN_TTL.toHours(), data.resolve("demo-tokens.env"));
        say("Try it: open the dashboard, or walk through the README's curl commands (Alice is not assessed yet).");
        say("Press Ctrl-C to stop.");
    }

    private void awaitHealthy(HttpClient http, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ServiceProcess> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            for (ServiceProcess s : List.copyOf(waiting)) {
                if (!s.alive()) {
                    throw new IllegalStateException(s.name() + " exited during start-up; see " + s.log());
                }
                if (s.healthy(http)) {
                    waiting.remove(s);
                    say("  %s healthy on port %d", s.name(), s.port());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not healthy after " + timeout.toSeconds() + " s: "
                        + waiting.stream().map(ServiceProcess::name).toList() + "; see the logs in " + data.resolve("logs"));
            }
            Thread.sleep(250);
        }
    }

    synchronized void stop() {
        if (services.isEmpty() && infrastructure.isEmpty()) {
            return;
        }
        say("Stopping Skillpath...");
        for (ServiceProcess s : services) {
            s.stop();
        }
        services.clear();
        for (int i = infrastructure.size() - 1; i >= 0; i--) {
            try {
                infrastructure.get(i).close();
            } catch (Exception e) {
                say("  while stopping: %s", e);
            }
        }
        infrastructure.clear();
        say("Stopped. Data kept in %s.", data);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
