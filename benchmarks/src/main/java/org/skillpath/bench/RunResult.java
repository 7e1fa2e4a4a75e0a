package org.skillpath.bench;

import java.util.List;
import java.util.Map;

/**
 * The figures of one arm at one offered rate.
 *
 * @param endToEnd      latency from the intended send time to each stage (ms): accepted, gapsPublished,
 *                      planStored, planPublished, mailReceived, nudgeSentPublished; and from the acceptance:
 *                      planStoredFromAccepted, mailFromAccepted (absent in results written before they existed)
 * @param hops          time between consecutive stages (ms): submit, assessmentRelay, planConsumer, planRelay,
 *                      notification (consumer + dispatcher + SMTP), nudgeRelay
 * @param achievedPerSec plan-ready mails received per second inside the measured window
 * @param lagGrowth     per consumer group (and "in flight": accepted, not yet mailed): growth over the measured
 *                      window from a least-squares fit of the samples, and the largest sample
 * @param cpuSeconds    CPU seconds used by each process inside the measured window
 * @param jitGcSeconds  of each process's CPU seconds in the window, those of its JIT compiler threads ("jit") and
 *                      of its garbage collector ("gc"); absent in results written before they were measured
 * @param residentMb    largest resident set of each process inside the measured window
 * @param otherCores    CPU used by other processes on the machine meanwhile, in cores (noise)
 * @param samples       rows of [seconds since the measured window opened, one value per {@code sampleSeries}]
 */
record RunResult(String arm, int rate, String label, long windowStartEpochMs, long windowEndEpochMs, int durationSec,
                 int warmupSec, int measured, int errors,
                 String firstError, int incomplete, long duplicateMails, double achievedPerSec, boolean sustained,
                 List<String> verdict, Map<String, Percentiles> endToEnd, Map<String, Percentiles> hops,
                 Map<String, LagGrowth> lagGrowth, Map<String, Double> cpuSeconds, double cpuSecondsPer1000,
                 Map<String, Map<String, Double>> jitGcSeconds,
                 Map<String, Long> residentMb, double otherCores, double prepareSeconds, double drainSeconds,
                 List<String> sampleSeries, List<double[]> samples) {

    record LagGrowth(double growth, long max, boolean flat) {
    }
}
