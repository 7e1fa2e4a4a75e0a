package org.skillpath.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.skillpath.bench.baseline.BaselinePipeline;
import org.skillpath.bench.baseline.Templates;
import org.skillpath.infra.EmbeddedKafka;
import org.skillpath.infra.EmbeddedMongo;
import org.skillpath.infra.FreePorts;
import org.skillpath.infra.ServiceProcess;
import org.skillpath.issuer.LocalIssuer;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pipeline benchmark: starts the embedded stack (broker, store, SMTP in this JVM; the four services as
 * separate processes from their executable jars), then drives assessments open loop at fixed rates through
 * the real services and through a plain kafka-clients + MongoDB-driver baseline, and writes a Markdown
 * report, a JSON file and latency plots. Run it with {@code ./mvnw -Pbenchmark -DskipTests package}; see
 * {@link Options} for the {@code -Dbench.*} settings.
 */
public final class PipelineBenchmark {

    static final List<String> SERVICES = List.of("assessment-service", "plan-service", "progress-service", "notification-service");

    private final Options options;
    private final ObjectMapper json = JsonMapper.builder().build();
    private final Path work;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final List<RunResult> sweep = new ArrayList<>();
    private String mongoUri;

    private PipelineBenchmark(Options options) {
        this.options = options;
        this.work = options.work().resolve(stamp());
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.fromSystemProperties();
        PipelineBenchmark bench = new PipelineBenchmark(options);
        Thread cleanup = new Thread(bench::shutdown, "bench-shutdown");
        Runtime.getRuntime().addShutdownHook(cleanup);
        int status = 0;
        try {
            bench.run();
        } catch (Exception e) {
            System.err.println("\nThe benchmark failed: " + e);
            e.printStackTrace();
            status = 1;
        } finally {
            bench.shutdown();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
        System.exit(status);
    }

    private void run() throws Exception {
        long t0 = System.nanoTime();
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpu", ProcStats.cpuModel());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memoryMb", ProcStats.memoryTotalMb());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("loadBefore", ProcStats.loadAverage());
        machine.put("servicesRoot", options.servicesRoot().toString());
        machine.put("servicesCommit", commit(options.servicesRoot()));
        say("Pipeline benchmark (%s): rates %s/s, %d s warm-up + %d s per rate (at least %d assessments), arms %s; "
                        + "services from %s (%s)",
                options.mode(), options.rates(), options.warmupSec(), options.durationSec(), options.minMeasured(), options.arms(),
                options.servicesRoot(), machine.get("servicesCommit"));
        say("Machine: %s, %s cores, load average %s; work directory %s", machine.get("cpu"), machine.get("cores"),
                machine.get("loadBefore"), work);

        Files.createDirectories(work.resolve("logs"));
        EmbeddedKafka kafka = closing(EmbeddedKafka.start(work.resolve("kafka"), 0, 0));
        EmbeddedMongo mongo = closing(options.store().equals("h2")
                ? EmbeddedMongo.onDisk(work.resolve("mongo").resolve("bench.mv"), 0) : EmbeddedMongo.inMemory(0));
        Map<String, Double> smtpProbe = SmtpProbe.measure(20);
        machine.put("smtpProbe", smtpProbe);
        say("SMTP probe (Jakarta Mail, a connection per mail): stock GreenMail %s ms per mail, with TCP_NODELAY %s ms",
                smtpProbe.get("stockGreenMailMsPerMail"), smtpProbe.get("noDelayGreenMailMsPerMail"));
        MailSink mail = closing(new MailSink(options.smtpNoDelay()));
        this.mongoUri = mongo.connectionString();
        KafkaLag lag = closing(new KafkaLag(kafka.bootstrapServers()));
        say("Infrastructure: Kafka %s, MongoDB %s (%s), SMTP 127.0.0.1:%d", kafka.bootstrapServers(),
                mongo.connectionString(), options.store(), mail.port());
        List<Integer> probeSizes = List.of(1000, 4000, 16000);
        Map<Integer, Map<String, Double>> storeProbe = StoreProbe.measure(mongo.connectionString(), probeSizes);
        machine.put("storeProbe", storeProbe);
        Map<Integer, Map<String, Double>> stockProbe;
        try (EmbeddedMongo stock = EmbeddedMongo.onDisk(work.resolve("mongo-stock").resolve("probe.mv"), 0, true)) {
            stockProbe = StoreProbe.measure(stock.connectionString(), probeSizes);
        }
        machine.put("storeProbeStockIndexes", stockProbe);
        say("Store probe, ms by collection size (the run's store / mongo-java-server's own index use): %s / %s",
                storeProbe, stockProbe);

        Profiler profiler = null;
        if (options.profile()) {
            profiler = new Profiler(work.resolve("jfr"));
            profiler.startSelf();
        }
        LocalIssuer.Running issuer = closing(LocalIssuer.start(0, null));
        startServices(kafka, mongo, mail, issuer, profiler == null ? List.of() : profiler.jvmOptions());
        say("Services healthy %.1f s after start", (System.nanoTime() - t0) / 1e9);
        lag.ensureTopics(Stream.concat(SystemArm.TOPICS.all().stream(), BaselineArm.TOPICS.all().stream()).toList());

        SystemArm system = new SystemArm(services, lag, json, issuer.demoTokens());
        Calibration.Result calibrated = Calibration.capture(system, mail, kafka.bootstrapServers(), json);
        Templates templates = calibrated.templates();
        purge(templates.ids().get(Templates.ORG));
        Map<String, Object> calibration = new LinkedHashMap<>();
        calibration.put("calibrationMailMs", calibrated.mailMs());
        calibration.put("planCreatedBytes", templates.planCreated().length());
        calibration.put("skillGapsBytes", templates.gaps().length());
        calibration.put("mailTextChars", templates.mailText() == null ? 0 : templates.mailText().length());
        calibration.put("mailHtmlChars", templates.mailHtml() == null ? 0 : templates.mailHtml().length());

        List<Document> catalog;
        List<Document> sessions;
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            catalog = client.getDatabase("skillpath-plan").getCollection("activities").find().into(new ArrayList<>());
            sessions = client.getDatabase("skillpath-plan").getCollection("workshop_sessions").find().into(new ArrayList<>());
        }
        BaselinePipeline pipeline = closing(new BaselinePipeline(kafka.bootstrapServers(), mongo.connectionString(),
                mail.port(), templates, json, catalog, sessions));
        BaselineArm baseline = closing(new BaselineArm(pipeline, lag));
        Map<String, Arm> arms = new LinkedHashMap<>();
        for (String name : options.arms()) {
            arms.put(name, name.equals("system") ? system : baseline);
        }

        // JIT and connection warm-up of each arm, not reported.
        for (Arm arm : arms.values()) {
            RateRun warmUp = new RateRun(arm, options.jitWarmupRate(), options.jitWarmupSec(), 0, "jit-warm-up",
                    kafka.bootstrapServers(), lag, mail, json);
            warmUp.execute();
            purge(warmUp.runId());
        }
        sweep(arms, kafka.bootstrapServers(), lag, mail);

        List<Profiler.Summary> profiles = List.of();
        if (profiler != null) {
            profiles = profile(profiler, system);
        }

        machine.put("loadAfter", ProcStats.loadAverage());
        machine.put("otherCoresMean", Math.round(sweep.stream().mapToDouble(RunResult::otherCores).average().orElse(0) * 100) / 100.0);
        machine.put("finishedAt", LocalDateTime.now(ZoneOffset.UTC).withNano(0) + "Z");
        machine.put("baselineFailures", pipeline.failures());
        machine.put("totalSeconds", Math.round((System.nanoTime() - t0) / 1e9));
        Report report = new Report(options, machine, sweep, profiles, calibration);
        Path folder = options.out().resolve(stamp() + "-" + options.mode());
        report.write(folder, json);
        copyLatest(folder, options.out().resolve("latest"));
        Report.Summary s = report.summary();
        say("");
        say("Done in %d s. System holds %s, baseline %s; throughput ratio %s; p99 ratios (mail, from accepted) %s, "
                        + "(from intended) %s.",
                machine.get("totalSeconds"), s.system().sustainedRate(), s.baseline().sustainedRate(), s.throughputRatio(),
                s.p99RatioMailFromAccepted(), s.p99RatioMail());
        say("Report: %s", folder.resolve("report.md"));
    }

    /** Each arm climbs the rates until it no longer holds; full mode doubles further and then narrows each limit. */
    private void sweep(Map<String, Arm> arms, String bootstrap, KafkaLag lag, MailSink mail) throws Exception {
        Map<String, Integer> lastHeld = new HashMap<>();
        Map<String, Integer> firstFailed = new HashMap<>();
        List<Integer> rates = new ArrayList<>(options.rates());
        for (int i = 0; i < rates.size(); i++) {
            int rate = rates.get(i);
            for (Arm arm : inTurn(arms, i)) {
                if (firstFailed.containsKey(arm.name())) {
                    continue;
                }
                RunResult r = runOnce(arm, rate, "sweep", bootstrap, lag, mail);
                if (r.sustained()) {
                    lastHeld.put(arm.name(), rate);
                } else {
                    firstFailed.put(arm.name(), rate);
                }
            }
            boolean allFailed = arms.keySet().stream().allMatch(firstFailed::containsKey);
            if (options.escalate() && i == rates.size() - 1 && !allFailed && rate < 6400) {
                rates.add(rate * 2);
            }
        }
        for (int step = 0; step < options.refineSteps(); step++) {
            boolean probed = false;
            for (Arm arm : inTurn(arms, step)) {
                java.util.OptionalInt mid = LimitSearch.next(lastHeld.get(arm.name()), firstFailed.get(arm.name()));
                if (mid.isEmpty()) {
                    continue;
                }
                probed = true;
                RunResult r = runOnce(arm, mid.getAsInt(), "refine", bootstrap, lag, mail);
                (r.sustained() ? lastHeld : firstFailed).put(arm.name(), mid.getAsInt());
            }
            if (!probed) {
                break;
            }
        }
    }

    /** The arms in the order of this round: which goes first alternates, so that drift hits both alike. */
    private static List<Arm> inTurn(Map<String, Arm> arms, int round) {
        List<Arm> order = new ArrayList<>(arms.values());
        if (round % 2 == 1) {
            java.util.Collections.reverse(order);
        }
        return order;
    }

    private RunResult runOnce(Arm arm, int rate, String label, String bootstrap, KafkaLag lag, MailSink mail) throws Exception {
        RateRun run = new RateRun(arm, rate, options.durationAt(rate), options.warmupSec(), label, bootstrap, lag, mail, json);
        RunResult r = run.execute();
        sweep.add(r);
        purge(run.runId());
        return r;
    }

    /**
     * CPU profiles of the system's run at its highest sustained rate (its lowest rate when it held none): the
     * four services and the benchmark JVM, plus the benchmark JVM during the baseline's run at the same rate.
     */
    private List<Profiler.Summary> profile(Profiler profiler, SystemArm system) {
        Map<String, Long> pids = new LinkedHashMap<>(system.processes());
        pids.put(RateRun.BENCH_JVM, ProcessHandle.current().pid());
        profiler.dump(pids);
        java.util.Optional<RunResult> at = sweep.stream().filter(r -> r.arm().equals("system") && r.sustained())
                .max(java.util.Comparator.comparingInt(RunResult::rate));
        if (at.isEmpty()) {
            at = sweep.stream().filter(r -> r.arm().equals("system")).min(java.util.Comparator.comparingInt(RunResult::rate));
        }
        List<Profiler.Summary> out = new ArrayList<>();
        if (at.isEmpty()) {
            return out;
        }
        RunResult sys = at.get();
        out.addAll(profiler.summarise(List.copyOf(pids.keySet()), java.time.Instant.ofEpochMilli(sys.windowStartEpochMs()),
                java.time.Instant.ofEpochMilli(sys.windowEndEpochMs()), "system at " + sys.rate() + "/s"));
        sweep.stream().filter(r -> r.arm().equals("baseline") && r.rate() == sys.rate()).findFirst().ifPresent(b ->
                out.addAll(profiler.summarise(List.of(RateRun.BENCH_JVM), java.time.Instant.ofEpochMilli(b.windowStartEpochMs()),
                        java.time.Instant.ofEpochMilli(b.windowEndEpochMs()), "baseline at " + b.rate() + "/s")));
        return out;
    }

    private void startServices(EmbeddedKafka kafka, EmbeddedMongo mongo, MailSink mail, LocalIssuer.Running issuer,
                               List<String> extraJvmOptions)
            throws Exception {
        for (String name : SERVICES) {
            ServiceProcess s = new ServiceProcess(name, options.servicesRoot(), work.resolve("logs"), FreePorts.pick());
            services.put(name, s);
            String db = "skillpath-" + name.substring(0, name.indexOf('-'));
            List<String> jvm = new ArrayList<>(options.serviceJvm());
            jvm.addAll(extraJvmOptions);
            s.start(jvm, List.of(
                    "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    "--spring.cloud.stream.kafka.binder.brokers=" + kafka.bootstrapServers(),
                    "--spring.mongodb.uri=" + mongo.uri(db),
                    "--spring.mail.host=127.0.0.1",
                    "--spring.mail.port=" + mail.port(),
                    "--skillpath.security.jwt.jwk-set-uri=" + issuer.jwksUrl(),
                    "--skillpath.security.jwt.issuer=" + issuer.issuerUrl(),
                    // the offered rates are far above a production organisation's budget for mass actions
                    "--skillpath.limits.mass-actions-per-minute=100000000"));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        Set<ServiceProcess> waiting = new LinkedHashSet<>(services.values());
        while (!waiting.isEmpty()) {
            for (ServiceProcess s : List.copyOf(waiting)) {
                if (!s.alive()) {
                    throw new IllegalStateException(s.name() + " exited during start-up; see " + s.log());
                }
                if (s.healthy(http)) {
                    waiting.remove(s);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not healthy after 4 minutes: " + waiting.stream().map(ServiceProcess::name).toList());
            }
            Thread.sleep(250);
        }
    }

    private void purge(String orgId) {
        if (options.purge()) {
            long t = System.nanoTime();
            long removed = Purge.organisation(mongoUri, orgId);
            say("  purged %d documents of %s in %.1f s", removed, orgId, (System.nanoTime() - t) / 1e9);
        }
    }

    private <T extends AutoCloseable> T closing(T resource) {
        closeables.add(resource);
        return resource;
    }

    private synchronized void shutdown() {
        services.values().forEach(ServiceProcess::stop);
        services.clear();
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
        }
        closeables.clear();
    }

    private static void copyLatest(Path from, Path latest) throws IOException {
        Files.createDirectories(latest);
        try (Stream<Path> old = Files.list(latest)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        try (Stream<Path> files = Files.list(from)) {
            for (Path p : files.toList()) {
                Files.copy(p, latest.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** The services' commit and whether their sources (or the kit's) had local changes (read-only git commands). */
    private static String commit(Path root) {
        try {
            String head = git(root, "rev-parse", "--short", "HEAD");
            List<String> sources = new ArrayList<>(List.of("status", "--porcelain", "--untracked-files=no", "--", "platform-kit"));
            sources.addAll(SERVICES);
            String dirty = git(root, sources.toArray(String[]::new));
            return head.isEmpty() ? "unknown commit" : head + (dirty.isEmpty() ? "" : " with uncommitted changes");
        } catch (Exception e) {
            return "unknown commit";
        }
    }

    private static String git(Path root, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        return p.waitFor() == 0 ? out : "";
    }

    private static String stamp() {
        return LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }

    private static void say(String format, Object... args) {
        RateRun.say(format, args);
    }
}
