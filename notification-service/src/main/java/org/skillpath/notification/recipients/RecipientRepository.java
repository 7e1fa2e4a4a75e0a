package org.skillpath.notification.recipients;

import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface RecipientRepository extends MongoRepository<Recipient, String> {

    /** Tenant-scoped lookup: a nudge of one organisation never resolves a person of another. */
    Optional<Recipient> findByPersonIdAndOrgId(String personId, String orgId);

    /** Whether a person-erased tombstone arrived for this person: nothing more is kept about them. */
    boolean existsByPersonIdAndOrgIdAndErasedTrue(String personId, String orgId);
}
