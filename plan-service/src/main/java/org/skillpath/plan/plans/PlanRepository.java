package org.skillpath.plan.plans;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;

interface PlanRepository extends MongoRepository<Plan, String> {

    Page<Plan> findByOrgId(String orgId, Pageable pageable);

    Page<Plan> findByOrgIdAndPersonId(String orgId, String personId, Pageable pageable);
}
