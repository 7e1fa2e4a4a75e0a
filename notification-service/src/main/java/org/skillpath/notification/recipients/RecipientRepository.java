package org.skillpath.notification.recipients;

import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface RecipientRepository extends MongoRepository<Recipient, String> {

    /** Tenant-scoped lookup: a nudge of one organisation never resolves a person of another. */
    Optional<Recipient> findByPersonIdAndOrgId(String personId, String orgId);

    /**
     * Whether this person id is stored under another organisation: an event naming them is then refused as
     * an organisation mismatch (person ids are global; one tenant's event never touches another's person).
     */
    boolean existsByPersonIdAndOrgIdNot(String personId, String orgId);

    /** Whether a person-erased tombstone arrived for this person: nothing more is kept about them. */
    boolean existsByPersonIdAndOrgIdAndErasedTrue(String personId, String orgId);
}
