package org.skillpath.kit.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrgRateLimiterTest {

    @Test
    void aBucketGrantsItsCapacityThenRefillsAtTheRateAndTellsHowLongToWait() {
        OrgRateLimiter.Bucket bucket = new OrgRateLimiter.Bucket(2);
        long t = 1_000_000;
        assertThat(bucket.take(t, 2)).isZero();
        assertThat(bucket.take(t, 2)).isZero();
        assertThat(bucket.take(t, 2)).isEqualTo(30);           // 2 a minute: one token every 30 s
        assertThat(bucket.take(t + 15_000, 2)).isEqualTo(15);  // half refilled
        assertThat(bucket.take(t + 30_000, 2)).isZero();
        assertThat(bucket.take(t + 10 * 60_000, 2)).isZero();  // refills up to the capacity, no more
        assertThat(bucket.take(t + 10 * 60_000, 2)).isZero();
        assertThat(bucket.take(t + 10 * 60_000, 2)).isPositive();
    }

    @Test
    void aClockGoingBackwardsNeverMintsTokens() {
        OrgRateLimiter.Bucket bucket = new OrgRateLimiter.Bucket(1);
        assertThat(bucket.take(100_000, 1)).isZero();
        assertThat(bucket.take(40_000, 1)).isPositive();
        assertThat(bucket.take(100_000, 1)).isPositive();
    }
}
