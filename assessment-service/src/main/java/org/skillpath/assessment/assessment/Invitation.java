package org.skillpath.assessment.assessment;

import java.time.Instant;

/**
 * A rater invited to an assessment. {@code raterId} becomes null when the rater is erased from the directory;
 * such an invitation is withdrawn and no longer awaited.
 */
public record Invitation(String id, String raterId, RaterGroup group, Instant invitedAt, Instant answeredAt,
                         boolean withdrawn) {

    Invitation answered(Instant at) {
        return new Invitation(id, raterId, group, invitedAt, at, withdrawn);
    }

    Invitation anonymised() {
        return new Invitation(id, null, group, invitedAt, answeredAt, answeredAt == null || withdrawn);
    }

    boolean awaited() {
        return answeredAt == null && !withdrawn;
    }
}
