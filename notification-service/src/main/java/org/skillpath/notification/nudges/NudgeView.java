package org.skillpath.notification.nudges;

import java.time.Instant;
import java.util.List;

import org.skillpath.notification.policy.SuppressionReason;

/** One line of a person's delivery log, with every decision taken on it. */
public record NudgeView(String id, NudgeKind kind, NudgeStatus status, int attempts, Instant createdAt,
                        Instant nextAttemptAt, Instant sentAt, SuppressionReason suppressedReason, String digestId,
                        String lastError, String causeEventId, List<LogEntry> decisions) {

    static NudgeView of(Nudge n) {
        return new NudgeView(n.getId(), n.getKind(), n.getStatus(), n.getAttempts(), n.getCreatedAt(),
                n.getStatus().pending() ? n.getNextAttemptAt() : null, n.getSentAt(), n.getSuppressedReason(),
                n.getDigestId(), n.getLastError(), n.getCauseEventId(), n.getLog());
    }
}
