package org.skillpath.plan.people;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Writes the people view. Every write sets the whole state or removes it, so applying the same record again
 * changes nothing.
 */
@Component
class PersonViews {

    private final MongoTemplate mongo;

    PersonViews(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    void apply(PersonUpserted person) {
        mongo.upsert(new Query(Criteria.where("_id").is(person.personId())),
                new Update().set("orgId", person.orgId())
                        .set("displayName", person.displayName())
                        .set("managerId", person.managerId())
                        .set("mentorOptIn", person.mentor())
                        .set("active", person.active()),
                PersonView.class);
    }

    /** Only within the erasure's organisation: a record for another tenant cannot remove this one's person. */
    void erase(String orgId, String personId) {
        mongo.remove(new Query(Criteria.where("_id").is(personId).and("orgId").is(orgId)), PersonView.class);
    }
}
