package org.skillpath.notification.nudges;

import java.time.Instant;

/** One line of a person's delivery log. */
public record NudgeView(String id, NudgeKind kind, NudgeStatus status, int attempts, Instant createdAt,
                        Instant nextAttemptAt, Instant sentAt, String lastError, String causeEventId) {

    static NudgeView of(Nudge n) {
        return new NudgeView(n.getId(), n.getKind(), n.getStatus(), n.getAttempts(), n.getCreatedAt(),
                n.getStatus() == NudgeStatus.INTENDED ? n.getNextAttemptAt() : null, n.getSentAt(), n.getLastError(),
                n.getCauseEventId());
    }
}
