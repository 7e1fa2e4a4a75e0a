package org.skillpath.progress.people;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.skillpath.kit.events.PoisonEventException;

/** What this service reads of {@code org.skillpath.person.upserted} (contracts/schemas/person.upserted.json). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PersonUpserted(String personId, String orgId, String userName, String displayName, String managerId,
                             String department, String employeeNumber, Boolean active, Instant changedAt) {

    /** The fields the contract requires and this service relies on; an event without them is poison. */
    public PersonUpserted requireComplete() {
        List<String> missing = new ArrayList<>();
        if (personId == null || personId.isBlank()) {
            missing.add("personId");
        }
        if (orgId == null || orgId.isBlank()) {
            missing.add("orgId");
        }
        if (displayName == null || displayName.isBlank()) {
            missing.add("displayName");
        }
        if (active == null) {
            missing.add("active");
        }
        if (!missing.isEmpty()) {
            throw new PoisonEventException("person.upserted lacks required fields " + missing);
        }
        return this;
    }
}
