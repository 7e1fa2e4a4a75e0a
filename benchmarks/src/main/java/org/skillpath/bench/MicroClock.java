package org.skillpath.bench;

import java.time.Instant;

/**
 * Epoch microseconds from the monotonic clock, anchored once to the wall clock: the intended send times and the
 * observed stamps of one run share a time base with the services' record timestamps (same machine, same clock).
 */
final class MicroClock {

    private final long anchorNanos;
    private final long anchorEpochMicros;

    MicroClock() {
        Instant now = Instant.now();
        this.anchorNanos = System.nanoTime();
        this.anchorEpochMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    long micros(long nanoTime) {
        return anchorEpochMicros + (nanoTime - anchorNanos) / 1_000;
    }

    long now() {
        return micros(System.nanoTime());
    }

    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
