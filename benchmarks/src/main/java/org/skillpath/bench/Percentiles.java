package org.skillpath.bench;

import org.HdrHistogram.Histogram;

/** A latency distribution in milliseconds, summarised from an HdrHistogram of microseconds. */
record Percentiles(long count, double p50, double p95, double p99, double p999, double max, double mean) {

    /** Up to one hour, three significant digits. */
    static Histogram histogram() {
        return new Histogram(3_600_000_000L, 3);
    }

    /** Null when nothing was recorded. */
    static Percentiles of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return null;
        }
        return new Percentiles(h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)),
                ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), ms(h.getMean()));
    }

    private static double ms(double micros) {
        return Math.round(micros / 100.0) / 10.0;
    }
}
