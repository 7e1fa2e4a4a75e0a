package org.skillpath.progress.progress;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.skillpath.kit.events.PoisonEventException;

/** What this service reads of {@code org.skillpath.mentor.assigned} (contracts/schemas/mentor.assigned.json). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MentorAssigned(String planId, String personId, String orgId, String mentorId, List<String> skillIds,
                             Instant assignedAt) {

    public MentorAssigned requireComplete() {
        if (planId == null || planId.isBlank() || orgId == null || mentorId == null || mentorId.isBlank()) {
            throw new PoisonEventException("mentor.assigned lacks planId, orgId or mentorId");
        }
        return this;
    }
}
