package org.skillpath.notification.nudges;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromOneSecondPerFailedAttempt() {
        assertThat(Backoff.after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Backoff.after(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Backoff.after(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(Backoff.after(8)).isEqualTo(Duration.ofSeconds(128));
        assertThat(Backoff.after(9)).isEqualTo(Duration.ofSeconds(256));
    }

    @Test
    void isCappedAtFiveMinutesAndNeverOverflows() {
        assertThat(Backoff.after(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(Backoff.after(64)).isEqualTo(Duration.ofMinutes(5));
        assertThat(Backoff.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void neverWaitsLessThanOneSecond() {
        assertThat(Backoff.after(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Backoff.after(-3)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aFailedAttemptKeepsTheNudgeIntendedReleasesTheLeaseAndSchedulesTheRetry() {
        Instant t0 = Instant.parse("2026-11-21T10:00:00Z");
        Nudge nudge = Nudge.intended("n-1", "org-1", "p-1", NudgeKind.PLAN_READY, "e-1",
                new PlanReadyModel("plan-1", null, null, null, 3, List.of()), t0);
        nudge.attemptFailed(t0, "connection refused");
        nudge.attemptFailed(t0.plusSeconds(1), "connection refused");
        nudge.attemptFailed(t0.plusSeconds(3), "connection refused");
        assertThat(nudge.getStatus()).isEqualTo(NudgeStatus.INTENDED);
        assertThat(nudge.getAttempts()).isEqualTo(3);
        assertThat(nudge.getNextAttemptAt()).isEqualTo(t0.plusSeconds(3 + 4));
        assertThat(nudge.getLeaseUntil()).isEqualTo(Instant.EPOCH);
        assertThat(nudge.getLastError()).isEqualTo("connection refused");
        assertThat(nudge.pendingEvents()).isEmpty();
    }
}
