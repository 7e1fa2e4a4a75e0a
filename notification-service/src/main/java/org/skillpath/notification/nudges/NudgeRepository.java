package org.skillpath.notification.nudges;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface NudgeRepository extends MongoRepository<Nudge, String> {

    Page<Nudge> findByOrgIdAndRecipientId(String orgId, String recipientId, Pageable pageable);
}
