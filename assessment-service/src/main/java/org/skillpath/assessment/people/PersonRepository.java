package org.skillpath.assessment.people;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface PersonRepository extends MongoRepository<Person, String> {

    Optional<Person> findByIdAndOrgId(String id, String orgId);

    List<Person> findByOrgIdAndIdIn(String orgId, Collection<String> ids);

    Page<Person> findByOrgId(String orgId, Pageable pageable);

    Optional<Person> findByOrgIdAndUserName(String orgId, String userName);

    List<Person> findByOrgIdAndUserNameIn(String orgId, Collection<String> userNames);

    List<Person> findByOrgIdAndManagerId(String orgId, String managerId, Sort sort);
}
