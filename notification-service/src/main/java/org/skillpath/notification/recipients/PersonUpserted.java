package org.skillpath.notification.recipients;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The part of {@code org.skillpath.person.upserted} (contracts/schemas/person.upserted.json) this service needs. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PersonUpserted(String personId, String orgId, String displayName, String email, String managerId,
                             String locale, String timeZone, Boolean active) {
}
