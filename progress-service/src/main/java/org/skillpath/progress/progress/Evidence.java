package org.skillpath.progress.progress;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One entry of a person's portfolio: the "real-life example" they wrote down for a step, a mentoring session
 * their mentor logged, or their manager's confirmation of on-the-job practice.
 *
 * @param occurredOn      when it happened (a session's date); null when only the recording time is known
 * @param durationMinutes a mentoring session's length
 * @param recordedBy      the person who recorded it
 */
public record Evidence(String evidenceId, String stepId, String skillId, Kind kind, String text, String url,
                       LocalDate occurredOn, Integer durationMinutes, Instant recordedAt, String recordedBy) {

    public enum Kind {
        REFLECTION,
        MENTORING_SESSION,
        MANAGER_CONFIRMATION
    }

    /** Whether it shows the work was done: a written example or a link to one (what evidence-based completion needs). */
    boolean substantive() {
        return kind == Kind.REFLECTION && ((text != null && !text.isBlank()) || url != null);
    }
}
