package org.skillpath.progress.people;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * This service's copy of a person from the people directory (owned by assessment-service), kept current from
 * {@code skillpath.people.v1}. The manager dashboard lists a manager's team from it, hence the index.
 */
@Document("people")
@CompoundIndex(name = "org_manager", def = "{'orgId': 1, 'managerId': 1}")
public record PersonView(@Id String personId, String orgId, String displayName, String managerId, boolean active) {
}
