package org.skillpath.notification.nudges;

import java.time.Duration;

/** When to try a failed nudge again: 1 s, 2 s, 4 s ... doubling per failed attempt, never more than 5 minutes. */
public final class Backoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofMinutes(5);

    private Backoff() {
    }

    /** @param failedAttempts the attempts that failed so far, including the one just now (1 or more) */
    public static Duration after(int failedAttempts) {
        if (failedAttempts < 1) {
            return FIRST;
        }
        // 2^9 s already exceeds the cap: no need to shift further (and no overflow).
        int exponent = Math.min(failedAttempts - 1, 9);
        Duration delay = FIRST.multipliedBy(1L << exponent);
        return delay.compareTo(MAX) > 0 ? MAX : delay;
    }
}
