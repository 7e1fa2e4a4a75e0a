package org.skillpath.assessment.assessment;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface AssessmentRepository extends MongoRepository<Assessment, String> {

    Optional<Assessment> findByIdAndOrgId(String id, String orgId);

    Page<Assessment> findByOrgIdAndPersonId(String orgId, String personId, Pageable pageable);

    boolean existsByOrgIdAndPersonId(String orgId, String personId);

    Page<Assessment> findByOrgIdAndPersonIdAndStatus(String orgId, String personId, Assessment.Status status, Pageable pageable);
}
