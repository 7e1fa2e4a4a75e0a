package org.skillpath.progress.xapi;

import org.skillpath.progress.people.PersonErasure;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** The statements that named an erased person go with them: they identify the person by account. */
@Component
class StatementErasure implements PersonErasure {

    private final MongoTemplate mongo;

    StatementErasure(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void erase(String orgId, String personId) {
        mongo.remove(Query.query(Criteria.where("orgId").is(orgId).and("personId").is(personId)), StoredStatement.class);
    }
}
