package org.skillpath.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;

/** Writes the run's Markdown report, its JSON and the latency plots. */
final class Report {

    static final String MAIL = "mailReceived";
    static final String PLAN = "planStored";
    static final String MAIL_FROM_ACCEPTED = "mailFromAccepted";
    static final String PLAN_FROM_ACCEPTED = "planStoredFromAccepted";

    /** Highest sustained rate of an arm in the sweep, and its first failing rate (null when none). */
    record Limit(String arm, Integer sustainedRate, Double sustainedThroughput, Integer firstFailedRate) {
    }

    record Summary(Limit system, Limit baseline, Double throughputRatio, String throughputRatioNote,
                   Map<Integer, Double> p99RatioMail, Map<Integer, Double> p99RatioPlanStored, Double worstP99Ratio,
                   Map<Integer, Double> p99RatioMailFromAccepted, Map<Integer, Double> p99RatioPlanFromAccepted,
                   Double worstP99RatioFromAccepted, boolean throughputGoalMet, boolean latencyGoalMet,
                   boolean latencyGoalMetFromAccepted, String slowestHop, Map<String, Double> slowestHopP50,
                   int hopRate) {
    }

    private final Options options;
    private final Map<String, Object> machine;
    private final List<RunResult> sweep;
    private final List<Profiler.Summary> profiles;
    private final Map<String, Object> calibration;

    Report(Options options, Map<String, Object> machine, List<RunResult> sweep, List<Profiler.Summary> profiles,
           Map<String, Object> calibration) {
        this.options = options;
        this.machine = machine;
        this.sweep = sweep;
        this.profiles = profiles;
        this.calibration = calibration;
    }

    Summary summary() {
        Limit sys = limit("system");
        Limit base = limit("baseline");
        Double ratio = null;
        String note;
        if (sys.sustainedThroughput() != null && base.sustainedThroughput() != null) {
            ratio = round(sys.sustainedThroughput() / base.sustainedThroughput(), 2);
            note = base.firstFailedRate() == null
                    ? "the baseline did not saturate within the rates tried: the ratio is an upper bound"
                    : sys.firstFailedRate() == null ? "the system did not saturate within the rates tried: the ratio is a lower bound"
                    : bracket(sys, base);
        } else {
            note = "an arm held no rate, so there is no ratio";
        }
        Map<Integer, Double> mail = new LinkedHashMap<>();
        Map<Integer, Double> plan = new LinkedHashMap<>();
        Map<Integer, Double> mailAccepted = new LinkedHashMap<>();
        Map<Integer, Double> planAccepted = new LinkedHashMap<>();
        for (RunResult s : sweep) {
            if (!s.arm().equals("system") || !s.sustained()) {
                continue;
            }
            sweep.stream().filter(b -> b.arm().equals("baseline") && b.rate() == s.rate() && b.sustained()).findFirst()
                    .ifPresent(b -> {
                        mail.put(s.rate(), ratio(s, b, MAIL));
                        plan.put(s.rate(), ratio(s, b, PLAN));
                        mailAccepted.put(s.rate(), ratio(s, b, MAIL_FROM_ACCEPTED));
                        planAccepted.put(s.rate(), ratio(s, b, PLAN_FROM_ACCEPTED));
                    });
        }
        Double worst = worst(mail);
        Double worstAccepted = worst(mailAccepted);
        // The slowest hop where the system holds its highest rate (or at its lowest rate when it holds none).
        Optional<RunResult> at = sweep.stream().filter(r -> r.arm().equals("system") && r.sustained())
                .max(Comparator.comparingInt(RunResult::rate));
        if (at.isEmpty()) {
            at = sweep.stream().filter(r -> r.arm().equals("system")).min(Comparator.comparingInt(RunResult::rate));
        }
        String slowest = null;
        Map<String, Double> p50s = new LinkedHashMap<>();
        if (at.isPresent()) {
            at.get().hops().forEach((hop, p) -> p50s.put(hop, p == null ? null : p.p50()));
            slowest = p50s.entrySet().stream().filter(e -> e.getValue() != null)
                    .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        }
        return new Summary(sys, base, ratio, note, mail, plan, worst, mailAccepted, planAccepted, worstAccepted,
                ratio != null && ratio >= 0.8, withinTwice(mail),
                withinTwice(mailAccepted) && withinTwice(planAccepted), slowest, p50s, at.map(RunResult::rate).orElse(0));
    }

    /** Runs before the from-accepted figures existed (re-rendered reports) do not have them. */
    private boolean measuredFromAccepted() {
        return sweep.stream().anyMatch(r -> r.endToEnd().containsKey(MAIL_FROM_ACCEPTED));
    }

    /** Every rate both arms hold has a ratio, and none is above 2. */
    private static boolean withinTwice(Map<Integer, Double> ratios) {
        return !ratios.isEmpty() && ratios.values().stream().allMatch(r -> r != null && r <= 2.0);
    }

    private static Double worst(Map<Integer, Double> ratios) {
        return ratios.values().stream().filter(v -> v != null).max(Double::compare).orElse(null);
    }

    private Limit limit(String arm) {
        Optional<RunResult> best = sweep.stream().filter(r -> r.arm().equals(arm) && r.sustained())
                .max(Comparator.comparingInt(RunResult::rate));
        Integer failed = sweep.stream().filter(r -> r.arm().equals(arm) && !r.sustained()).map(RunResult::rate)
                .min(Integer::compare).orElse(null);
        return new Limit(arm, best.map(RunResult::rate).orElse(null), best.map(RunResult::achievedPerSec).orElse(null), failed);
    }

    /**
     * Each limit lies between the rate its arm held and the first it failed, so the true ratio lies between the
     * system's held rate over the baseline's failed one and the system's failed rate over the baseline's held one.
     */
    private static String bracket(Limit sys, Limit base) {
        return String.format(Locale.ROOT, "both arms saturated; the ratio compares their highest sustained rates, and "
                        + "with each limit between the rate held and the first that failed (system %d-%d/s, baseline "
                        + "%d-%d/s) the ratio of the limits lies between %.2f and %.2f",
                sys.sustainedRate(), sys.firstFailedRate(), base.sustainedRate(), base.firstFailedRate(),
                (double) sys.sustainedRate() / base.firstFailedRate(), (double) sys.firstFailedRate() / base.sustainedRate());
    }

    private static Double ratio(RunResult s, RunResult b, String stage) {
        Percentiles ps = s.endToEnd().get(stage);
        Percentiles pb = b.endToEnd().get(stage);
        if (ps == null || pb == null || pb.p99() <= 0) {
            return null;
        }
        return round(ps.p99() / pb.p99(), 2);
    }

    void write(Path folder, ObjectMapper json) throws IOException {
        Files.createDirectories(folder);
        Summary summary = summary();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("machine", machine);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("mode", options.mode());
        settings.put("rates", options.rates());
        settings.put("durationSec", options.durationSec());
        settings.put("minMeasured", options.minMeasured());
        settings.put("refineSteps", options.refineSteps());
        settings.put("warmupSec", options.warmupSec());
        settings.put("arms", options.arms());
        settings.put("store", options.store());
        settings.put("serviceJvm", String.join(" ", options.serviceJvm()));
        settings.put("smtpNoDelay", options.smtpNoDelay());
        settings.put("purge", options.purge());
        doc.put("options", settings);
        doc.put("calibration", calibration);
        doc.put("summary", summary);
        doc.put("runs", sweep);
        doc.put("profiles", profiles);
        Files.writeString(folder.resolve("results.json"),
                json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(doc));
        plot(folder.resolve("latency-mail.png"), MAIL, "Latency from the intended send time to the plan-ready mail vs offered rate");
        plot(folder.resolve("latency-plan-stored.png"), PLAN, "Latency from the intended send time to the stored plan vs offered rate");
        for (Profiler.Summary p : profiles) {
            Files.writeString(folder.resolve(profileFile(p)), Profiler.text(p));
        }
        Files.writeString(folder.resolve("report.md"), markdown(summary));
    }

    static String profileFile(Profiler.Summary p) {
        return "profile-" + fileName(p.process()) + "-" + p.run().substring(0, p.run().indexOf(' ')) + ".txt";
    }

    static String fileName(String process) {
        return process.startsWith("benchmark-jvm") ? "benchmark-jvm" : process;
    }

    /**
     * Latency percentiles against offered rate, both arms on one chart, both axes logarithmic: each arm's line
     * joins the rates it ran, also where the other arm ran rates it did not (a refinement).
     */
    private void plot(Path file, String stage, String title) throws IOException {
        List<Integer> rates = sweep.stream().map(RunResult::rate).distinct().sorted().toList();
        if (rates.isEmpty()) {
            return;
        }
        Summary s = summary();
        XYChart chart = new XYChartBuilder().width(1100).height(650)
                .title(title + " (holds up to: system " + held(s.system()) + ", baseline " + held(s.baseline()) + ")")
                .xAxisTitle("offered rate (assessments per second, log scale)").yAxisTitle("latency (ms, log scale)").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        chart.getStyler().setYAxisDecimalPattern("#,##0.#");
        Map<String, Color> colors = Map.of("p50", new Color(31, 119, 180), "p95", new Color(44, 160, 44),
                "p99", new Color(214, 39, 40), "p99.9", new Color(148, 103, 189), "max", new Color(127, 127, 127));
        Map<String, Function<Percentiles, Double>> percentiles = new LinkedHashMap<>();
        percentiles.put("p50", Percentiles::p50);
        percentiles.put("p95", Percentiles::p95);
        percentiles.put("p99", Percentiles::p99);
        percentiles.put("p99.9", Percentiles::p999);
        percentiles.put("max", Percentiles::max);
        boolean any = false;
        for (String arm : List.of("system", "baseline")) {
            Map<Integer, Percentiles> byRate = new LinkedHashMap<>();
            sweep.stream().filter(r -> r.arm().equals(arm) && r.endToEnd().get(stage) != null)
                    .forEach(r -> byRate.put(r.rate(), r.endToEnd().get(stage)));
            if (byRate.isEmpty()) {
                continue;
            }
            List<Double> x = byRate.keySet().stream().sorted().map(Integer::doubleValue).toList();
            for (Map.Entry<String, Function<Percentiles, Double>> p : percentiles.entrySet()) {
                List<Double> y = new ArrayList<>();
                for (double rate : x) {
                    y.add(Math.max(0.1, p.getValue().apply(byRate.get((int) rate))));
                }
                XYSeries series = chart.addSeries(arm + " " + p.getKey(), x, y);
                series.setLineColor(colors.get(p.getKey()));
                series.setMarkerColor(colors.get(p.getKey()));
                series.setMarker(arm.equals("system") ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
                series.setLineStyle(arm.equals("system") ? new BasicStroke(2.2f)
                        : new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f));
                any = true;
            }
        }
        if (any) {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /** "system 29.9 ms (JIT 1.2, GC 0.8)" for the arm's run at its highest sustained rate. */
    private String cpuSplit(String arm, Limit limit) {
        if (limit.sustainedRate() == null) {
            return arm + " n/a";
        }
        RunResult r = sweep.stream().filter(x -> x.arm().equals(arm) && x.rate() == limit.sustainedRate()).findFirst()
                .orElse(null);
        if (r == null || r.jitGcSeconds() == null || Double.isNaN(r.cpuSecondsPer1000())) {
            return arm + " " + (r == null ? "n/a" : r.cpuSecondsPer1000() + " ms");
        }
        double total = r.cpuSeconds().get("total");
        double jit = r.jitGcSeconds().values().stream().mapToDouble(m -> m.getOrDefault("jit", 0.0)).sum();
        double gc = r.jitGcSeconds().values().stream().mapToDouble(m -> m.getOrDefault("gc", 0.0)).sum();
        double perSecond = total == 0 ? 0 : r.cpuSecondsPer1000() / total;
        return String.format(Locale.ROOT, "%s at %d/s %.1f ms (JIT %.1f, GC %.1f)", arm, r.rate(), r.cpuSecondsPer1000(),
                jit * perSecond, gc * perSecond);
    }

    private static String held(Limit l) {
        return l.sustainedRate() == null ? "none" : l.sustainedRate() + "/s";
    }

    private String markdown(Summary s) {
        StringBuilder b = new StringBuilder();
        line(b, "# Pipeline benchmark: %s run of %s", options.mode(), machine.get("finishedAt"));
        line(b, "");
        line(b, "Machine: %s, %s cores, %s MB memory, %s, %s. Load average before: %s, after: %s. "
                        + "Other processes used %s cores on average during the measured windows (noise).",
                machine.get("cpu"), machine.get("cores"), machine.get("memoryMb"), machine.get("os"), machine.get("java"),
                machine.get("loadBefore"), machine.get("loadAfter"), machine.get("otherCoresMean"));
        line(b, "Services: `%s` (%s), JVM options `%s`; infrastructure, load generator and baseline in one JVM "
                        + "(`-Xmx1g -XX:+UseSerialGC`); store backend: %s.",
                machine.get("servicesRoot"), machine.get("servicesCommit"), String.join(" ", options.serviceJvm()), options.store());
        line(b, "Each rate: %d s warm-up (not counted), %d s measured%s, open loop (latencies from each assessment's "
                + "intended send time, and from its acceptance), people created beforehand. Before its first rate each "
                + "arm ran %d s at %d/s, not reported, "
                + "so that the JIT compilers' work falls mostly outside the measured windows. Calibration assessment to "
                + "mail: %s ms.",
                options.warmupSec(), options.durationSec(), options.minMeasured() == 0 ? ""
                        : " or longer, so that each window holds at least " + options.minMeasured() + " assessments and its p99 "
                        + "rests on at least " + Math.max(1, options.minMeasured() / 100) + " latencies at or above it",
                options.jitWarmupSec(), options.jitWarmupRate(),
                calibration.get("calibrationMailMs"));
        line(b, "");
        line(b, "![latency to the plan-ready mail](latency-mail.png)");
        line(b, "");
        line(b, "## Where we stand");
        line(b, "");
        line(b, "- Highest rate that holds (consumer lag and in-flight count flat, achieved within 10%% of offered, every "
                + "assessment mailed): **system %s**, **baseline %s**.", limitText(s.system()), limitText(s.baseline()));
        line(b, "- Sustained throughput ratio system/baseline: **%s** (goal ≥ 0.8: %s); %s.",
                s.throughputRatio() == null ? "n/a" : s.throughputRatio(), s.throughputGoalMet() ? "met" : "**not met**",
                s.throughputRatioNote());
        if (measuredFromAccepted()) {
            line(b, "- p99 latency from the accepted assessment (the issue's end-to-end measure), system/baseline, at the "
                            + "rates both hold, to the mail: %s; to the stored plan: %s (goal ≤ 2 at both: %s).",
                    ratios(s.p99RatioMailFromAccepted()), ratios(s.p99RatioPlanFromAccepted()),
                    s.worstP99RatioFromAccepted() == null ? "n/a" : s.latencyGoalMetFromAccepted() ? "met" : "**not met**");
        }
        line(b, "- p99 latency from the intended send time to the mail, which adds the submit (an authenticated HTTP request "
                        + "for the system, a direct call for the baseline) and any wait to send it: %s (within 2×: %s). "
                        + "To the stored plan: %s.",
                ratios(s.p99RatioMail()), s.worstP99Ratio() == null ? "n/a" : s.latencyGoalMet() ? "yes" : "**no**",
                ratios(s.p99RatioPlanStored()));
        String cpuSplit = cpuSplit("system", s.system()) + "; " + cpuSplit("baseline", s.baseline());
        line(b, "- CPU per plan-ready mail at each arm's highest rate that holds, all processes: %s. JIT = the JVMs' "
                + "compiler threads, GC = their collectors, inside the measured window.", cpuSplit);
        if (s.slowestHop() != null) {
            line(b, "- Slowest hop of the system at %d/s (p50): **%s**; all hops p50 (ms): %s.", s.hopRate(), s.slowestHop(),
                    s.slowestHopP50());
        }
        line(b, "");
        line(b, "## Probes of the embedded infrastructure");
        line(b, "");
        line(b, "- SMTP, ms per mail sent with Jakarta Mail (a connection per mail, as Spring's JavaMailSender does): %s. "
                + "The runs use the %s server.", machine.get("smtpProbe"),
                options.smtpNoDelay() ? "TCP_NODELAY" : "stock GreenMail");
        line(b, "- Store (mongo-java-server, %s backend), ms per operation by collection size: an outbox claim that "
                + "finds nothing (the relay's scan filter, and the claim of a woken document by _id), a versioned save "
                + "(read, then update by _id and version), a lookup through a non-unique index ({orgId, personId}) and "
                + "one by _id alone. The run's store (embedded-infra's indexes): %s. The same on a stock twin "
                + "(mongo-java-server's own index use: non-unique indexes ignored, the _id index only for a filter on "
                + "_id alone), in the same process: %s%s.", options.store(), machine.get("storeProbe"),
                machine.get("storeProbeStockIndexes"),
                options.purge() ? "; each run's organisation is removed from every database after the run so that runs "
                        + "start from the same collection sizes" : "");
        line(b, "");
        line(b, "## Latency to the plan-ready mail and to the stored plan (ms)");
        line(b, "");
        line(b, "From the intended send time (open loop: includes the submit hop and any wait to send):");
        line(b, "");
        line(b, "| rate/s | arm | holds | achieved/s | measured | mail p50 | p95 | p99 | p99.9 | max | plan stored p50 | p99 | max | CPU s per 1,000 | other cores |");
        line(b, "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (RunResult r : sorted()) {
            Percentiles m = r.endToEnd().get(MAIL);
            Percentiles p = r.endToEnd().get(PLAN);
            line(b, "| %d | %s | %s | %s | %d | %s | %s | %s |", r.rate(), r.arm(), r.sustained() ? "yes" : "no",
                    r.achievedPerSec(), r.measured(), latencyCells(m, p), r.cpuSecondsPer1000(), r.otherCores());
        }
        if (measuredFromAccepted()) {
            line(b, "");
            line(b, "From the accepted assessment (HTTP 201, or the baseline's stored document):");
            line(b, "");
            line(b, "| rate/s | arm | mail p50 | p95 | p99 | p99.9 | max | plan stored p50 | p99 | max |");
            line(b, "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            for (RunResult r : sorted()) {
                Percentiles m = r.endToEnd().get(MAIL_FROM_ACCEPTED);
                Percentiles p = r.endToEnd().get(PLAN_FROM_ACCEPTED);
                line(b, "| %d | %s | %s |", r.rate(), r.arm(), latencyCells(m, p));
            }
        }
        List<RunResult> failed = sorted().stream().filter(r -> !r.sustained()).toList();
        if (!failed.isEmpty()) {
            line(b, "");
            line(b, "Why a rate did not hold:");
            for (RunResult r : failed) {
                line(b, "- %s at %d/s: %s", r.arm(), r.rate(), String.join("; ", r.verdict()));
            }
        }
        line(b, "");
        line(b, "## Per hop (ms, p50 / p99)");
        line(b, "");
        line(b, "submit = intended send time to accepted (HTTP 201, or the baseline's stored document); assessmentRelay = "
                + "accepted to skillgaps.identified on Kafka; planConsumer = that to the plan written; planRelay = to "
                + "plan.created on Kafka; notification = to the mail received by the SMTP server (consumer, nudge record, "
                + "dispatcher, SMTP); nudgeRelay = to nudge.sent on Kafka. Stages are stamped with the records' own "
                + "timestamps and the mail server's receive time, not when the benchmark saw them.");
        line(b, "");
        List<String> hops = List.of("submit", "assessmentRelay", "planConsumer", "planRelay", "notification", "nudgeRelay");
        line(b, "| rate/s | arm | %s |", String.join(" | ", hops));
        line(b, "| ---: | --- |%s", " ---: |".repeat(hops.size()));
        for (RunResult r : sorted()) {
            List<String> cells = new ArrayList<>();
            for (String h : hops) {
                Percentiles p = r.hops().get(h);
                cells.add(p == null ? "-" : p.p50() + " / " + p.p99());
            }
            line(b, "| %d | %s | %s |", r.rate(), r.arm(), String.join(" | ", cells));
        }
        line(b, "");
        line(b, "## Processes: resident memory (MB, peak in the window) and CPU seconds in the measured window "
                + "(of which JIT compiler threads and garbage collector)");
        line(b, "");
        List<String> names = sweep.stream().flatMap(r -> r.residentMb().keySet().stream()).distinct().toList();
        line(b, "| rate/s | arm | %s |", String.join(" | ", names.stream().map(n -> fileName(n)).toList()));
        line(b, "| ---: | --- |%s", " ---: |".repeat(names.size()));
        for (RunResult r : sorted()) {
            List<String> cells = new ArrayList<>();
            for (String n : names) {
                Long rss = r.residentMb().get(n);
                Double cpu = r.cpuSeconds().get(n);
                Map<String, Double> jitGc = r.jitGcSeconds() == null ? null : r.jitGcSeconds().get(n);
                cells.add(rss == null ? "-" : rss + " MB, " + cpu + " s"
                        + (jitGc == null ? "" : " (JIT " + jitGc.get("jit") + ", GC " + jitGc.get("gc") + ")"));
            }
            line(b, "| %d | %s | %s |", r.rate(), r.arm(), String.join(" | ", cells));
        }
        line(b, "");
        line(b, "The baseline runs inside the benchmark JVM, so its memory and CPU are that JVM's figures minus those of "
                + "the same JVM during the system arm at the same rate (the broker, store and SMTP server work in both).");
        if (!profiles.isEmpty()) {
            line(b, "");
            line(b, "## Profile (JFR CPU samples every 10 ms, inside the measured window)");
            line(b, "");
            line(b, "Share of each process's samples by library (the first non-JDK frame from the top of the stack), "
                    + "and the Skillpath methods most often on the stack. The CPU seconds above say how much each process "
                    + "used in total.");
            line(b, "");
            for (Profiler.Summary p : profiles) {
                line(b, "- **%s**, %s (%d samples, [details](%s)): %s; threads: %s; Skillpath frames: %s", fileName(p.process()),
                        p.run(), p.samples(), profileFile(p), shares(p.byLibrary(), p.samples(), 6),
                        shares(p.byThread(), p.samples(), 3), shares(p.skillpathMethods(), p.samples(), 4));
            }
        }
        line(b, "");
        line(b, "## How it was measured");
        line(b, "");
        line(b, "- Open loop: assessment *i* of a run is due at start + *i*/rate and is sent then (asynchronous HTTP client, "
                + "or the baseline's 16 submit threads), whether or not earlier ones were answered; the end-to-end "
                + "latencies count from that due time (no coordinated omission) and, as a second measure, from the "
                + "assessment's acceptance (the HTTP 201, or the baseline's stored document). HdrHistogram, 3 "
                + "significant digits. A mail still missing after the drain counts with the time waited (a lower bound), never left out.");
        line(b, "- Each assessment is about its own person (teams of %d under one manager), created before the run and "
                + "known to every consumer before the first assessment is sent.", SystemArm.TEAM_SIZE);
        line(b, "- Stages: record timestamps on the assessment, plan and notification topics (the producer's clock at "
                + "send), plan.created's createdAt (plan written), GreenMail's receive time (mail). Same machine, same clock.");
        line(b, "- A rate holds when no assessment failed or went unmailed, plan-ready mails arrived at ≥ 90%% of the "
                + "offered rate inside the window, and each consumer group's lag and the in-flight count grew by at most "
                + "max(10, rate/2) over the window (least-squares fit of 2 samples/s).");
        line(b, "- Baseline: a twin of each of the system's consumer groups on the path, written with plain kafka-clients "
                + "and the MongoDB sync driver against the same broker, store and SMTP server (own topics and databases), "
                + "with the services' store operations per event: submit reads the person and raters in one query and "
                + "inserts the assessment with its two events in its outbox; a relay per service claims the document just "
                + "saved by _id (scans on the 500 ms timer only), publishes with acks=all, idempotence, linger 2 ms, waits "
                + "for the acks and releases the document in one versioned update; the plan consumer reads the plan by id, "
                + "records the strengths (findAndModify), reads the catalog (per-owner snapshots kept 30 s), the open "
                + "sessions and the mentors, takes the seats and inserts the plan with plan.created; progress checks the "
                + "organisation and updates the dashboard per skillgaps.identified, and inserts the progress record and "
                + "updates the dashboard per plan.created; notification ignores the assessment topic's types, and per "
                + "plan.created checks the organisation, inserts the team activity and the nudge leased to the dispatcher, "
                + "which reads the recipient with the preferences ($lookup), sends over a kept SMTP connection and saves "
                + "the nudge SENT with nudge.sent. One thread per consumer group (commit after the batch), relay and "
                + "dispatcher. It sends the very payloads and mail the services produced for a calibration assessment "
                + "(ids replaced), so it does no scoring, planning or templating: those costs are the system's alone and "
                + "are part of the ratio.");
        line(b, "- CPU: utime+stime from /proc/<pid>/stat of every process inside the measured window, divided by the "
                + "mails received inside it. Memory: VmRSS from /proc/<pid>/status.");
        return b.toString();
    }

    private List<RunResult> sorted() {
        return sweep.stream().sorted(Comparator.comparingInt(RunResult::rate).thenComparing(RunResult::arm, Comparator.reverseOrder()))
                .toList();
    }

    private static String limitText(Limit l) {
        if (l.sustainedRate() == null) {
            return l.firstFailedRate() == null ? "not run" : "none (failed at " + l.firstFailedRate() + "/s)";
        }
        return l.sustainedRate() + "/s (" + l.sustainedThroughput() + " mails/s)"
                + (l.firstFailedRate() == null ? ", did not saturate" : ", fails at " + l.firstFailedRate() + "/s");
    }

    private static String ratios(Map<Integer, Double> ratios) {
        if (ratios.isEmpty()) {
            return "n/a";
        }
        List<String> parts = new ArrayList<>();
        ratios.forEach((rate, r) -> parts.add(rate + "/s: " + (r == null ? "n/a" : r + "×")));
        return String.join(", ", parts);
    }

    private static String shares(Map<String, Long> counts, long total, int n) {
        List<String> parts = new ArrayList<>();
        counts.entrySet().stream().filter(e -> !e.getKey().contains("$$") && !e.getKey().contains("lambda$")).limit(n).forEach(e -> parts.add(String.format(Locale.ROOT, "%s %.0f%%",
                e.getKey().replace("org.skillpath.", ""), 100.0 * e.getValue() / Math.max(1, total))));
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    /** The latency columns both tables share: mail p50, p95, p99, p99.9, max; plan stored p50, p99, max. */
    private static String latencyCells(Percentiles mail, Percentiles plan) {
        return String.join(" | ", v(mail, Percentiles::p50), v(mail, Percentiles::p95), v(mail, Percentiles::p99),
                v(mail, Percentiles::p999), v(mail, Percentiles::max), v(plan, Percentiles::p50), v(plan, Percentiles::p99),
                v(plan, Percentiles::max));
    }

    private static String v(Percentiles p, Function<Percentiles, Double> f) {
        return p == null ? "-" : String.valueOf(f.apply(p));
    }

    private static double round(double v, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(v * scale) / scale;
    }

    private static void line(StringBuilder b, String format, Object... args) {
        b.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
