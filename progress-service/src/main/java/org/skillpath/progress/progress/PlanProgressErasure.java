package org.skillpath.progress.progress;

import org.skillpath.progress.people.PersonErasure;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** An erased person's plans go, portfolio included; where they mentored someone, they are no longer named. */
@Component
class PlanProgressErasure implements PersonErasure {

    private final MongoTemplate mongo;

    PlanProgressErasure(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void erase(String orgId, String personId) {
        mongo.remove(Query.query(Criteria.where("orgId").is(orgId).and("personId").is(personId)), PlanProgress.class);
        mongo.updateMulti(Query.query(Criteria.where("orgId").is(orgId).and("mentorIds").is(personId)),
                new Update().pull("mentorIds", personId).inc("version", 1L), PlanProgress.class);
    }
}
