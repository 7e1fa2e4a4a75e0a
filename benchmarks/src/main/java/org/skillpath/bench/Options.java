package org.skillpath.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one benchmark run does, from system properties ({@code -Dbench.*}); an empty value takes the mode's
 * default. {@code quick} (rates 5, 10, 20, 40, 80; 5 s warm-up + 20 s each) takes about 7 minutes on a 2-core
 * machine; {@code full} (5 to 320, doubling on while an arm still holds; 10 s + 30 s each, longer below 34/s so that each window
 * holds at least 1,000 assessments) also narrows each arm's limit with up to three more runs between its last held
 * and first failed rate (see {@link LimitSearch}). Each arm stops climbing at its first rate that does not hold.
 *
 * @param rates         offered arrival rates (assessments per second), in order
 * @param escalate      full mode: keep doubling the rate after the list until both arms have saturated
 * @param refineSteps   full mode: up to this many extra runs per arm (3) between its last held and first failed rate
 * @param durationSec   measured seconds per rate and arm, at least (see {@code minMeasured})
 * @param minMeasured   full mode: at least this many assessments per measured window (1,000), so that p99 is the
 *                      tenth-worst latency rather than the second-worst of 150 at 5/s; low rates run longer
 * @param warmupSec     seconds at the same rate before the measured window (excluded from the figures)
 * @param arms          "system", "baseline" or both
 * @param servicesRoot  the source tree whose {@code <service>/target/<service>-0.1.0-SNAPSHOT-exec.jar} files run
 * @param out           where the report, the JSON and the plot go (a sub-folder per run, and {@code latest/})
 * @param work          scratch space: broker and store data, service logs, flight recordings
 * @param store         "h2" (the local stack's store, on disk) or "memory"
 * @param profile       JFR CPU samples in every process, summarised for the system's highest sustained rate
 * @param serviceJvm    JVM options of the service processes
 * @param smtpNoDelay   the SMTP server answers with TCP_NODELAY (false: stock GreenMail, ~50 ms per mail here)
 * @param purge         remove each finished run's organisation from every database (see {@link Purge})
 * @param jitWarmupRate  rate of the unreported run that warms each arm up before its first step
 * @param jitWarmupSec   its length: long enough that the JIT compilers have done most of their work, so that the
 *                      steps measure steady state rather than compilation (both arms get the same)
 */
record Options(String mode, List<Integer> rates, boolean escalate, int refineSteps, int durationSec, int warmupSec,
               int minMeasured, List<String> arms, Path servicesRoot, Path out, Path work, String store, boolean profile,
               List<String> serviceJvm, boolean smtpNoDelay, boolean purge, int jitWarmupRate,
               int jitWarmupSec) {

    /** The launcher's service flags less -XX:TieredStopAtLevel=1, which buys start-up time with peak throughput. */
    static final String DEFAULT_SERVICE_JVM =
            "-Xmx256m -Xss512k -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=192m";

    static Options fromSystemProperties() {
        String mode = prop("bench.mode", "quick").toLowerCase(Locale.ROOT);
        boolean full = mode.equals("full");
        if (!full && !mode.equals("quick")) {
            throw new IllegalArgumentException("bench.mode is quick or full, not " + mode);
        }
        List<Integer> rates = Arrays.stream(prop("bench.rates", full ? "5,10,20,40,80,160,320" : "5,10,20,40,80").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
        if (rates.isEmpty() || rates.stream().anyMatch(r -> r <= 0)) {
            throw new IllegalArgumentException("bench.rates must list positive rates");
        }
        List<String> arms = Arrays.stream(prop("bench.arms", "system,baseline").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (arms.isEmpty() || !List.of("system", "baseline").containsAll(arms)) {
            throw new IllegalArgumentException("bench.arms lists system and/or baseline, not " + arms);
        }
        Path root = Path.of(prop("bench.services", "")).toAbsolutePath().normalize();
        Path out = Path.of(prop("bench.out", root.resolve("benchmarks/results/pipeline").toString())).toAbsolutePath();
        Path work = Path.of(prop("bench.work", root.resolve("benchmarks/target/bench").toString())).toAbsolutePath();
        String store = prop("bench.store", "h2");
        if (!store.equals("h2") && !store.equals("memory")) {
            throw new IllegalArgumentException("bench.store is h2 or memory, not " + store);
        }
        return new Options(mode, rates, full, Integer.parseInt(prop("bench.refineSteps", full ? "3" : "0")),
                Integer.parseInt(prop("bench.duration", full ? "30" : "20")),
                Integer.parseInt(prop("bench.warmup", full ? "10" : "5")),
                Integer.parseInt(prop("bench.minMeasured", full ? "1000" : "0")),
                arms, root, out, work, store, Boolean.parseBoolean(prop("bench.profile", "true")),
                List.of(prop("bench.serviceJvm", DEFAULT_SERVICE_JVM).trim().split("\\s+")),
                Boolean.parseBoolean(prop("bench.smtpNoDelay", "true")), Boolean.parseBoolean(prop("bench.purge", "true")),
                Integer.parseInt(prop("bench.jitWarmupRate", "20")),
                Integer.parseInt(prop("bench.jitWarmupSec", full ? "90" : "30")));
    }

    /** Measured seconds at this rate: {@link #durationSec}, or longer if that would hold fewer than {@link #minMeasured}. */
    int durationAt(int rate) {
        return Math.max(durationSec, (minMeasured + rate - 1) / rate);
    }

    private static String prop(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
