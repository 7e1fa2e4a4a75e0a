package org.skillpath.plan.catalog;

import java.util.List;
import java.util.Objects;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A learning activity a plan step can point to.
 *
 * @param orgId          the organisation that owns it; {@link #SHARED} for the seeded catalog every organisation sees
 * @param skillIds       the skills it develops, the main one first
 * @param minLevel       the lowest current level (1-5) it suits
 * @param maxLevel       the highest current level (1-5) it suits
 * @param effortHours    the learner's total time
 * @param durationWeeks  the weeks over which that time is spread
 * @param externalId     the id in an external learning platform, if it lives there
 * @param xapiActivityId the IRI that xAPI statements about this activity use
 * @param prerequisites  ids of activities to complete first
 */
@Document("activities")
@CompoundIndex(name = "org_skill", def = "{'orgId': 1, 'skillIds': 1}")
public record Activity(@Id String id, String orgId, String title, String description, Format format, Bucket bucket,
                       List<String> skillIds, int minLevel, int maxLevel, double effortHours, int durationWeeks,
                       String provider, String externalId, String xapiActivityId, List<String> prerequisites) {

    /** The organisation id of the default catalog; no real organisation id can take this value. */
    public static final String SHARED = "*";
    public static final String XAPI_ACTIVITY_BASE = "https://skillpath.dev/activities/";

    public Activity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(format, "format");
        skillIds = skillIds == null ? List.of() : List.copyOf(skillIds);
        prerequisites = prerequisites == null ? List.of() : List.copyOf(prerequisites);
    }

    /** An activity whose bucket follows from its format and whose xAPI IRI from its id. */
    public static Activity of(String id, String orgId, String title, String description, Format format,
                              List<String> skillIds, int minLevel, int maxLevel, double effortHours, int durationWeeks,
                              String provider, String externalId, List<String> prerequisites) {
        return new Activity(id, orgId, title, description, format, format.bucket(), skillIds, minLevel, maxLevel,
                effortHours, durationWeeks, provider, externalId, XAPI_ACTIVITY_BASE + id, prerequisites);
    }

    /** Whether it suits someone at {@code level} (1-5). */
    public boolean suits(int level) {
        return minLevel <= level && level <= maxLevel;
    }

    public double hoursPerWeek() {
        return effortHours / durationWeeks;
    }
}
