package org.skillpath.assessment.assessment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One rater's answers: a level per behavioural indicator, the indicators the rater could not observe, and
 * optional comments per skill. Stored to score; never returned to anyone but the rater.
 */
public record Response(String invitationId, String raterId, RaterGroup group, Map<String, Integer> levels,
                       List<String> notObserved, Map<String, String> comments, Instant submittedAt) {

    Response anonymised() {
        return new Response(invitationId, null, group, levels, notObserved, Map.of(), submittedAt);
    }
}
