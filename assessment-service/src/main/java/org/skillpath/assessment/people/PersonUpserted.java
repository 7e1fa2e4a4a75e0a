package org.skillpath.assessment.people;

import java.time.Instant;

/** Payload of {@code org.skillpath.person.upserted} (contracts/schemas/person.upserted.json). */
public record PersonUpserted(String personId, String orgId, String userName, String displayName, String email,
                             String managerId, String department, String employeeNumber, String locale,
                             String timeZone, boolean active, boolean mentorOptIn, Instant changedAt) {
}
