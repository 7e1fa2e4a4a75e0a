package org.skillpath.progress.progress;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;

interface PlanProgressRepository extends MongoRepository<PlanProgress, String> {

    /** The tenant is part of every lookup: another organisation's plan is as absent as a missing one. */
    Optional<PlanProgress> findByPlanIdAndOrgId(String planId, String orgId);

    Page<PlanProgress> findByOrgIdAndPersonId(String orgId, String personId, Pageable pageable);

    List<PlanProgress> findByOrgIdAndPersonId(String orgId, String personId);
}
