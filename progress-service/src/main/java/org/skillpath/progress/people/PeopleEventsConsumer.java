package org.skillpath.progress.people;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.skillpath.kit.events.CloudEventHeaders;
import org.skillpath.kit.events.InboundEvent;
import org.skillpath.kit.events.PoisonEventException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Binding {@code peopleEvents-in-0} ({@code skillpath.people.v1}): keeps {@link PersonView} current. Both
 * writes are idempotent on their own (an upsert of the event's state by person id, a delete by person id), and
 * the topic is keyed by person, so replays and redeliveries converge on the latest state.
 */
@Component("peopleEvents")
class PeopleEventsConsumer implements Consumer<Message<byte[]>> {

    static final String UPSERTED = "org.skillpath.person.upserted";
    /** A tombstone (null value): the person was erased, so their copy here goes too. */
    static final String ERASED = "org.skillpath.person.erased";

    private final MongoTemplate mongo;
    private final ObjectMapper json;

    PeopleEventsConsumer(MongoTemplate mongo, ObjectMapper json) {
        this.mongo = mongo;
        this.json = json;
    }

    @Override
    public void accept(Message<byte[]> message) {
        // Checked before InboundEvent.from, which refuses records without data: a tombstone has none.
        if (ERASED.equals(header(message, CloudEventHeaders.TYPE))) {
            erase(message);
            return;
        }
        InboundEvent event = InboundEvent.from(message);
        if (!UPSERTED.equals(event.type())) {
            throw new PoisonEventException("event type " + event.type() + " is not defined for skillpath.people.v1");
        }
        PersonUpserted person = event.data(json, PersonUpserted.class).requireComplete();
        if (!person.orgId().equals(event.orgId())) {
            throw new PoisonEventException("event " + event.id() + " orgid " + event.orgId()
                    + " differs from its data's orgId " + person.orgId());
        }
        mongo.upsert(Query.query(Criteria.where("_id").is(person.personId())),
                new Update().set("orgId", person.orgId()).set("displayName", person.displayName())
                        .set("managerId", person.managerId()).set("active", person.active()),
                PersonView.class);
    }

    private void erase(Message<byte[]> message) {
        String orgId = header(message, CloudEventHeaders.ORG_ID);
        Object key = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        String personId = key instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : key == null ? null : key.toString();
        if (orgId == null || personId == null || personId.isBlank()) {
            throw new PoisonEventException("person.erased needs the ce_orgid header and the person id as record key");
        }
        mongo.remove(Query.query(Criteria.where("_id").is(personId).and("orgId").is(orgId)), PersonView.class);
    }

    private static String header(Message<?> message, String name) {
        Object value = message.getHeaders().get(name);
        return value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : value == null ? null : value.toString();
    }
}
