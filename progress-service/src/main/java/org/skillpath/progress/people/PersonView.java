package org.skillpath.progress.people;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * This service's copy of a person from the people directory (owned by assessment-service), kept current from
 * {@code skillpath.people.v1}. The manager relation decides who may confirm steps; userName and employeeNumber
 * are how an L&D platform's xAPI account names a person.
 */
@Document("people")
@CompoundIndexes({
        @CompoundIndex(name = "org_manager", def = "{'orgId': 1, 'managerId': 1}"),
        @CompoundIndex(name = "org_username", def = "{'orgId': 1, 'userName': 1}"),
        @CompoundIndex(name = "org_employee_number", def = "{'orgId': 1, 'employeeNumber': 1}")
})
public record PersonView(@Id String personId, String orgId, String displayName, String managerId, boolean active,
                         String userName, String employeeNumber) {
}
