package org.skillpath.progress.people;

import org.skillpath.kit.asyncapi.ConsumesEvents;
import java.util.List;
import java.util.function.Consumer;

import org.skillpath.kit.events.InboundEvent;
import org.skillpath.kit.events.PoisonEventException;
import org.skillpath.progress.access.TenancyCheck;
import org.skillpath.progress.dashboard.DashboardProjection;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Binding {@code peopleEvents-in-0} ({@code skillpath.people.v1}): keeps {@link PersonView} and the dashboard's
 * team membership current, and erases everything this service knows about a person on their tombstone. Every
 * write is idempotent on its own (an upsert of the event's state by person id, deletes by person id), and the
 * topic is keyed by person, so replays and redeliveries converge on the latest state. A person stays in the
 * organisation they were first seen in: an event moving them to another is dead-lettered.
 */
@ConsumesEvents(binding = "peopleEvents-in-0", types = {"org.skillpath.person.upserted", "org.skillpath.person.erased"})
@Component("peopleEvents")
class PeopleEventsConsumer implements Consumer<Message<byte[]>> {

    static final String UPSERTED = "org.skillpath.person.upserted";
    /** A tombstone (null value): the person was erased, so every copy of their data here goes too. */
    static final String ERASED = "org.skillpath.person.erased";

    private final MongoTemplate mongo;
    private final ObjectMapper json;
    private final DashboardProjection dashboard;
    private final List<PersonErasure> erasures;
    private final TenancyCheck tenancy;

    PeopleEventsConsumer(MongoTemplate mongo, ObjectMapper json, DashboardProjection dashboard,
                         List<PersonErasure> erasures, TenancyCheck tenancy) {
        this.mongo = mongo;
        this.json = json;
        this.dashboard = dashboard;
        this.erasures = erasures;
        this.tenancy = tenancy;
    }

    @Override
    public void accept(Message<byte[]> message) {
        InboundEvent event = InboundEvent.from(message);
        if (ERASED.equals(event.type())) {
            erase(event);
            return;
        }
        if (!UPSERTED.equals(event.type())) {
            throw new PoisonEventException("event type " + event.type() + " is not defined for skillpath.people.v1");
        }
        PersonUpserted person = event.data(json, PersonUpserted.class).requireComplete();
        if (!person.orgId().equals(event.orgId())) {
            throw new PoisonEventException("event " + event.id() + " orgid " + event.orgId()
                    + " differs from its data's orgId " + person.orgId());
        }
        try {
            // Matching on the organisation too: a person stored under another one makes the upsert an insert of
            // an existing id, which fails instead of moving them.
            mongo.upsert(Query.query(Criteria.where("_id").is(person.personId()).and("orgId").is(person.orgId())),
                    new Update().set("displayName", person.displayName())
                            .set("managerId", person.managerId()).set("active", person.active())
                            .set("userName", person.userName()).set("employeeNumber", person.employeeNumber()),
                    PersonView.class);
        } catch (DuplicateKeyException otherOrganisation) {
            throw TenancyCheck.mismatch(person.orgId(), "person", person.personId());
        }
        dashboard.apply(event);
    }

    private void erase(InboundEvent event) {
        String personId = event.key();
        if (personId == null || personId.isBlank()) {
            throw new PoisonEventException("person.erased needs the person id as record key");
        }
        tenancy.person(event.orgId(), personId);
        mongo.remove(Query.query(Criteria.where("_id").is(personId).and("orgId").is(event.orgId())), PersonView.class);
        erasures.forEach(e -> e.erase(event.orgId(), personId));
    }
}
