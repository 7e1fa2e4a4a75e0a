package org.skillpath.assessment.people;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface PersonRepository extends MongoRepository<Person, String> {

    Optional<Person> findByIdAndOrgId(String id, String orgId);

    Page<Person> findByOrgId(String orgId, Pageable pageable);

    boolean existsByOrgIdAndUserName(String orgId, String userName);
}
