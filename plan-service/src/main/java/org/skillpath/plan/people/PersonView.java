package org.skillpath.plan.people;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * plan-service's copy of a person from the people directory, kept by {@code person.upserted} events and removed by
 * erasures: what mentor matching needs to know (who may mentor, who reports to whom), nothing more.
 */
@Document("people")
public record PersonView(@Id String personId, String orgId, String displayName, String managerId,
                         boolean mentorOptIn, boolean active) {
}
