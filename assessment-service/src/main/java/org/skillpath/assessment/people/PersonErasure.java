package org.skillpath.assessment.people;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The durable intent to erase a person: written before the person is removed, worked off by {@link ErasureJob}
 * (anonymise results, fix reporting lines, publish the tombstone) and deleted only after the broker acknowledged
 * the tombstone. A crash anywhere in between leaves it to be picked up again.
 */
@Document("person_erasures")
@CompoundIndex(name = "due", def = "{'notBefore': 1, 'leaseUntil': 1}")
class PersonErasure {

    @Id
    private String id;
    private String orgId;
    private String personId;
    /** One pseudonym per erasure, so the person's anonymised results still belong together. */
    private String pseudonym;
    private Instant requestedAt;
    /** Not before the outbox relay's lease on the person ran out, so no upsert can follow the tombstone. */
    private Instant notBefore;
    private Instant leaseUntil;

    protected PersonErasure() {
    }

    PersonErasure(String orgId, String personId, String pseudonym, Instant now) {
        this.id = idOf(orgId, personId);
        this.orgId = orgId;
        this.personId = personId;
        this.pseudonym = pseudonym;
        this.requestedAt = now;
        this.notBefore = now;
        this.leaseUntil = Instant.EPOCH;
    }

    static String idOf(String orgId, String personId) {
        return orgId + ":" + personId;
    }

    String getId() {
        return id;
    }

    String getOrgId() {
        return orgId;
    }

    String getPersonId() {
        return personId;
    }

    String getPseudonym() {
        return pseudonym;
    }
}
