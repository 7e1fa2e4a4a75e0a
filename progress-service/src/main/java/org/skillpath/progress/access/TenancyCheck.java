package org.skillpath.progress.access;

import org.bson.Document;
import org.skillpath.kit.events.PoisonEventException;
import org.skillpath.progress.people.PersonView;
import org.skillpath.progress.progress.PlanProgress;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The consumers' re-check of the tenant: an event that names a person or a plan stored here under another
 * organisation than the event's is refused as poison, so it is dead-lettered with the reason and changes
 * nothing. (Ids are global; an organisation's producer must never reach another organisation's data through one.)
 */
@Component
public class TenancyCheck {

    private final MongoTemplate mongo;

    TenancyCheck(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Refuses unless the person is unknown here or stored under {@code orgId}. */
    public void person(String orgId, String personId) {
        require(orgId, "person", personId, mongo.getCollectionName(PersonView.class));
    }

    /** Refuses unless the plan is unknown here or stored under {@code orgId}. */
    public void plan(String orgId, String planId) {
        require(orgId, "plan", planId, mongo.getCollectionName(PlanProgress.class));
    }

    private void require(String orgId, String what, String id, String collection) {
        if (id == null) {
            return;
        }
        Query query = Query.query(Criteria.where("_id").is(id));
        query.fields().include("orgId");
        Document stored = mongo.findOne(query, Document.class, collection);
        if (stored != null && !orgId.equals(stored.getString("orgId"))) {
            throw mismatch(orgId, what, id);
        }
    }

    public static PoisonEventException mismatch(String orgId, String what, String id) {
        return new PoisonEventException("organisation mismatch: the event is of organisation " + orgId + ", the stored "
                + what + " " + id + " belongs to another");
    }
}
