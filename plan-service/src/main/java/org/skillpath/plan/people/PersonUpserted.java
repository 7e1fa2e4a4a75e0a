package org.skillpath.plan.people;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.skillpath.kit.events.PoisonEventException;

/** The part of {@code org.skillpath.person.upserted} plan-service reads. */
@JsonIgnoreProperties(ignoreUnknown = true)
record PersonUpserted(String personId, String orgId, String displayName, String managerId, Boolean mentorOptIn,
                      Boolean active) {

    /** Refuses what the contract requires but the record lacks; such a record can never be applied. */
    PersonUpserted checked(String eventId) {
        if (blank(personId) || blank(orgId) || blank(displayName) || active == null) {
            throw new PoisonEventException("person.upserted " + eventId
                    + " lacks personId, orgId, displayName or active");
        }
        return this;
    }

    boolean mentor() {
        return Boolean.TRUE.equals(mentorOptIn);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
