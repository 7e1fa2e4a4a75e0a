package org.skillpath.notification.nudges;

import java.time.Instant;

/**
 * One decision in a nudge's delivery log.
 *
 * @param outcome DEFERRED, GATHERED (into a digest), SUPPRESSED or SENT
 * @param reason  QUIET_HOURS, DIGEST_MODE, or the suppression reason; null for SENT
 * @param until   when a deferred nudge is tried again, or when its digest goes out
 */
public record LogEntry(Instant at, String outcome, String reason, Instant until) {
}
