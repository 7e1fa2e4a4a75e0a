package org.skillpath.plan.people;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * plan-service's copy of a person, written only by atomic field updates (never saved whole), so the directory
 * fields (from {@code person.upserted}), the strengths (from their latest {@code skillgaps.identified}), the
 * completed activities (from {@code step.completed}), the mentor load and the planning preferences never overwrite
 * each other. Removed entirely on erasure.
 *
 * @param strengths            skills at level 4 or more in the person's latest assessment
 * @param strengthsAt          when that assessment's gaps were identified: older results never replace newer ones
 * @param mentorCapacity       how many mentees they take at most; null means the configured default
 * @param menteePlans          the plans they mentor in (one slot per mentee plan)
 * @param menteeCount          the size of {@code menteePlans}, kept beside it so a reservation is one conditional update
 * @param weeklyBudgetHours    their weekly learning budget; null means the configured default
 * @param horizonWeeks         their plan horizon; null means the configured default
 */
@Document("people")
@CompoundIndex(name = "org_mentor", def = "{'orgId': 1, 'mentorOptIn': 1, 'active': 1}")
public record PersonView(@Id String personId, String orgId, String displayName, String managerId,
                         boolean mentorOptIn, boolean active, List<Strength> strengths, Instant strengthsAt,
                         Integer mentorCapacity, List<String> menteePlans, Integer menteeCount,
                         List<String> completedActivityIds, Double weeklyBudgetHours, Integer horizonWeeks) {

    public record Strength(String skillId, String skillName, double level) {
    }

    public PersonView {
        strengths = strengths == null ? List.of() : List.copyOf(strengths);
        menteePlans = menteePlans == null ? List.of() : List.copyOf(menteePlans);
        menteeCount = menteeCount == null ? 0 : menteeCount;
        completedActivityIds = completedActivityIds == null ? List.of() : List.copyOf(completedActivityIds);
    }

    public Map<String, Double> strengthLevels() {
        return strengths.stream().collect(Collectors.toMap(Strength::skillId, Strength::level, Math::max));
    }
}
