package org.skillpath.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToLongFunction;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.ObjectMapper;

/**
 * One arm at one offered rate: people prepared first, then an open-loop schedule (assessment i is due at
 * start + i / rate, sent then whether or not earlier ones were answered, latency counted from that due time),
 * a warm-up that is driven but not counted, the measured window, and a drain until every flight has its mail.
 */
final class RateRun {

    static final String BENCH_JVM = "benchmark-jvm (broker, store, SMTP, load generator, baseline)";

    private final Arm arm;
    private final int rate;
    private final int durationSec;
    private final int warmupSec;
    private final String label;
    private final String bootstrap;
    private final KafkaLag kafka;
    private final MailSink mail;
    private final ObjectMapper json;
    private String runId;

    RateRun(Arm arm, int rate, int durationSec, int warmupSec, String label, String bootstrap, KafkaLag kafka,
            MailSink mail, ObjectMapper json) {
        this.arm = arm;
        this.rate = rate;
        this.durationSec = durationSec;
        this.warmupSec = warmupSec;
        this.label = label;
        this.bootstrap = bootstrap;
        this.kafka = kafka;
        this.mail = mail;
        this.json = json;
    }

    /** The organisation of the run (known once {@link #execute} has started). */
    String runId() {
        return runId;
    }

    RunResult execute() throws Exception {
        int warmupCount = rate * warmupSec;
        int measured = rate * durationSec;
        int total = warmupCount + measured;
        runId = "bench-" + arm.name().substring(0, 3) + "-r" + rate + "-" + UUID.randomUUID().toString().substring(0, 6);
        say("%s at %d/s: preparing %d people", arm.name(), rate, total);
        long t0 = System.nanoTime();
        List<Flight> flights = arm.prepare(runId, total, warmupCount);
        double prepareSeconds = (System.nanoTime() - t0) / 1e9;

        mail.reset();
        mail.watch(flights);
        Map<String, Long> pids = new LinkedHashMap<>(arm.processes());
        pids.put(BENCH_JVM, ProcessHandle.current().pid());
        MicroClock clock = new MicroClock();
        Sampler sampler;
        long measureStart;
        long measureEnd;
        long drainEnd;
        double drainSeconds;
        Map<String, Double> cpuStart;
        Map<String, Double> cpuEnd;
        Map<String, Map<String, Double>> jitGcStart = Map.of();
        Map<String, Map<String, Double>> jitGcEnd;
        double machineStart;
        double machineEnd;
        try (StageWatcher watcher = new StageWatcher(bootstrap, arm.topics(), json)) {
            watcher.watch(flights);
            say("%s at %d/s: %d s warm-up + %d s measured (%d assessments)", arm.name(), rate, warmupSec, durationSec, total);
            long period = 1_000_000_000L / rate;
            long start = System.nanoTime() + 200_000_000L;
            measureStart = clock.micros(start + warmupCount * period);
            measureEnd = clock.micros(start + (long) total * period);
            sampler = new Sampler(kafka, arm.lagGroups(), flights, pids, clock, measureStart, measureEnd);
            cpuStart = null;
            machineStart = 0;
            for (int i = 0; i < total; i++) {
                long due = start + i * period;
                if (i == warmupCount) {
                    cpuStart = cpu(pids);
                    jitGcStart = jitAndGc(pids);
                    machineStart = ProcStats.machineBusySeconds();
                }
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                Flight f = flights.get(i);
                f.intended = clock.micros(due);
                arm.submit(f, clock);
            }
            long wait;
            while ((wait = start + (long) total * period - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            cpuEnd = cpu(pids);
            jitGcEnd = jitAndGc(pids);
            machineEnd = ProcStats.machineBusySeconds();
            long drainFrom = System.nanoTime();
            drain(flights, Duration.ofSeconds(Math.max(90, 4L * (durationSec + warmupSec))));
            drainEnd = clock.now();
            drainSeconds = (System.nanoTime() - drainFrom) / 1e9;
            sampler.close();
        }
        if (!arm.awaitIdle(Duration.ofMinutes(3))) {
            say("  warning: %s still has consumer lag 3 minutes after the run; the next run starts loaded", arm.name());
        }
        return result(flights, measured, clock, measureStart, measureEnd, drainEnd, sampler, pids, cpuStart, cpuEnd,
                jitGcStart, jitGcEnd, machineEnd - machineStart, prepareSeconds, drainSeconds);
    }

    /** Waits until every flight has its mail, failed, or made no progress for 30 s; then briefly for nudge.sent. */
    private void drain(List<Flight> flights, Duration cap) throws InterruptedException {
        long deadline = System.nanoTime() + cap.toNanos();
        long lastProgress = System.nanoTime();
        long lastOpen = Long.MAX_VALUE;
        while (System.nanoTime() < deadline) {
            long open = flights.stream().filter(f -> f.error == null && f.mailed == 0).count();
            if (open == 0) {
                long until = System.nanoTime() + 5_000_000_000L;
                while (System.nanoTime() < until
                        && flights.stream().anyMatch(f -> f.error == null && f.nudgePublished == 0)) {
                    Thread.sleep(100);
                }
                return;
            }
            if (open < lastOpen) {
                lastOpen = open;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > 30_000_000_000L) {
                say("  %d flights made no progress for 30 s; giving up on them", open);
                return;
            }
            Thread.sleep(250);
        }
        say("  drain cap of %d s reached", cap.toSeconds());
    }

    private RunResult result(List<Flight> flights, int measuredCount, MicroClock clock, long measureStart, long measureEnd,
                             long drainEnd, Sampler sampler, Map<String, Long> pids, Map<String, Double> cpuStart,
                             Map<String, Double> cpuEnd, Map<String, Map<String, Double>> jitGcStart,
                             Map<String, Map<String, Double>> jitGcEnd, double machineBusy, double prepareSeconds, double drainSeconds) {
        List<Flight> measured = flights.stream().filter(f -> !f.warmup).toList();
        int errors = (int) measured.stream().filter(f -> f.error != null).count();
        String firstError = flights.stream().filter(f -> f.error != null).map(f -> f.error).findFirst().orElse(null);
        int incomplete = (int) measured.stream().filter(f -> f.error == null && f.mailed == 0).count();
        long duplicates = flights.stream().mapToLong(f -> Math.max(0, f.mails - 1)).sum();
        long mailedInWindow = flights.stream().filter(f -> f.mailed >= measureStart && f.mailed < measureEnd).count();
        double achieved = mailedInWindow / (double) durationSec;

        Map<String, Percentiles> e2e = new LinkedHashMap<>();
        e2e.put("accepted", since(measured, f -> f.accepted, 0));
        e2e.put("gapsPublished", since(measured, f -> f.gapsPublished, 0));
        e2e.put("planStored", since(measured, f -> f.planStored, 0));
        e2e.put("planPublished", since(measured, f -> f.planPublished, 0));
        // A mail that never came counts with the time waited for it: a lower bound, never left out.
        e2e.put("mailReceived", since(measured, f -> f.mailed, drainEnd));
        e2e.put("nudgeSentPublished", since(measured, f -> f.nudgePublished, 0));
        // The end-to-end measure starts at the accepted assessment; the ones above add the submit hop.
        e2e.put("planStoredFromAccepted", fromAccepted(measured, f -> f.planStored, 0));
        e2e.put("mailFromAccepted", fromAccepted(measured, f -> f.mailed, drainEnd));
        Map<String, Percentiles> hops = new LinkedHashMap<>();
        hops.put("submit", between(measured, f -> f.intended, f -> f.accepted));
        hops.put("assessmentRelay", between(measured, f -> f.accepted, f -> f.gapsPublished));
        hops.put("planConsumer", between(measured, f -> f.gapsPublished, f -> f.planStored));
        hops.put("planRelay", between(measured, f -> f.planStored, f -> f.planPublished));
        hops.put("notification", between(measured, f -> f.planPublished, f -> f.mailed));
        hops.put("nudgeRelay", between(measured, f -> f.mailed, f -> f.nudgePublished));

        long allowed = Math.max(10, rate / 2);
        Map<String, RunResult.LagGrowth> growth = sampler.growth(allowed);
        Map<String, Double> cpu = new LinkedHashMap<>();
        double ours = 0;
        for (String name : pids.keySet()) {
            double used = cpuEnd.get(name) - cpuStart.get(name);
            cpu.put(name, Math.round(used * 100) / 100.0);
            ours += used;
        }
        cpu.put("total", Math.round(ours * 100) / 100.0);
        Map<String, Map<String, Double>> jitGc = new LinkedHashMap<>();
        for (String name : pids.keySet()) {
            Map<String, Double> used = new LinkedHashMap<>();
            for (String role : List.of("jit", "gc")) {
                double start = jitGcStart.getOrDefault(name, Map.of()).getOrDefault(role, 0.0);
                double end = jitGcEnd.getOrDefault(name, Map.of()).getOrDefault(role, 0.0);
                used.put(role, Math.round(Math.max(0, end - start) * 100) / 100.0);
            }
            jitGc.put(name, used);
        }
        double per1000 = mailedInWindow == 0 ? Double.NaN : Math.round(ours / mailedInWindow * 1000 * 100) / 100.0;
        double otherCores = Math.round(Math.max(0, machineBusy - ours) / durationSec * 100) / 100.0;

        List<String> verdict = new ArrayList<>();
        if (errors > 0) {
            verdict.add(errors + " assessments refused or failed");
        }
        if (incomplete > 0) {
            verdict.add(incomplete + " assessments without a mail after the drain");
        }
        if (achieved < 0.9 * rate) {
            verdict.add(String.format(Locale.ROOT, "achieved %.1f/s < 90%% of offered", achieved));
        }
        growth.forEach((group, g) -> {
            if (!g.flat()) {
                verdict.add(String.format(Locale.ROOT, "%s grew by %.0f over the window (allowed %d)", group, g.growth(), allowed));
            }
        });
        boolean sustained = verdict.isEmpty();
        RunResult r = new RunResult(arm.name(), rate, label, measureStart / 1000, measureEnd / 1000, durationSec, warmupSec,
                measuredCount, errors, firstError,
                incomplete, duplicates, Math.round(achieved * 10) / 10.0, sustained, verdict, e2e, hops, growth, cpu, per1000, jitGc,
                sampler.residentMb(), otherCores, Math.round(prepareSeconds * 10) / 10.0, Math.round(drainSeconds * 10) / 10.0,
                sampler.series(), sampler.samples());
        Percentiles m = e2e.get("mailReceived");
        say("  %s at %d/s: %s; achieved %.1f/s; mail p50 %s p99 %s max %s ms; CPU %.2f s/1000; %s", arm.name(), rate,
                sustained ? "HOLDS" : "does not hold", r.achievedPerSec(), m == null ? "-" : m.p50(), m == null ? "-" : m.p99(),
                m == null ? "-" : m.max(), per1000, sustained ? "" : String.join("; ", verdict));
        return r;
    }

    private static Percentiles since(List<Flight> flights, ToLongFunction<Flight> stage, long missingAs) {
        return since(flights, f -> f.intended, stage, missingAs);
    }

    /** From the acceptance to a stage, for every accepted assessment; a stage never seen counts as {@code missingAs}. */
    private static Percentiles fromAccepted(List<Flight> flights, ToLongFunction<Flight> stage, long missingAs) {
        return since(flights, f -> f.accepted, stage, missingAs);
    }

    /**
     * From {@code origin} (skipped when unstamped or failed) to {@code stage}; a stage never seen counts as
     * {@code missingAs}.
     */
    private static Percentiles since(List<Flight> flights, ToLongFunction<Flight> origin, ToLongFunction<Flight> stage,
                                     long missingAs) {
        Histogram h = Percentiles.histogram();
        for (Flight f : flights) {
            long from = origin.applyAsLong(f);
            if (f.error != null || from == 0) {
                continue;
            }
            long at = stage.applyAsLong(f);
            if (at == 0) {
                at = missingAs;
            }
            if (at != 0) {
                h.recordValue(Math.max(0, at - from));
            }
        }
        return Percentiles.of(h);
    }

    /** Consecutive stages; a stage stamped by another clock source may precede its predecessor by a hair: 0. */
    private static Percentiles between(List<Flight> flights, ToLongFunction<Flight> from, ToLongFunction<Flight> to) {
        Histogram h = Percentiles.histogram();
        for (Flight f : flights) {
            long a = from.applyAsLong(f);
            long b = to.applyAsLong(f);
            if (a != 0 && b != 0) {
                h.recordValue(Math.max(0, b - a));
            }
        }
        return Percentiles.of(h);
    }

    private static Map<String, Map<String, Double>> jitAndGc(Map<String, Long> pids) {
        Map<String, Map<String, Double>> used = new LinkedHashMap<>();
        pids.forEach((name, pid) -> used.put(name, ProcStats.jitAndGcSeconds(pid)));
        return used;
    }

    private static Map<String, Double> cpu(Map<String, Long> pids) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        pids.forEach((name, pid) -> cpu.put(name, ProcStats.cpuSeconds(pid)));
        return cpu;
    }

    static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
