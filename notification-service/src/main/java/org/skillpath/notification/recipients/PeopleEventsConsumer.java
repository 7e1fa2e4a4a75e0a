package org.skillpath.notification.recipients;

import org.skillpath.kit.asyncapi.ConsumesEvents;
import java.time.Clock;
import java.util.function.Consumer;

import org.skillpath.kit.events.InboundEvent;
import org.skillpath.kit.events.PoisonEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.messaging.Message;
import tools.jackson.databind.ObjectMapper;

/**
 * Consumes {@code skillpath.people.v1} into the local {@link Recipient} copy; a {@code person.erased} tombstone
 * leaves an erased marker and has every feature forget the person ({@link PersonErased}).
 */
@ConsumesEvents(binding = "peopleEvents-in-0", types = {"org.skillpath.person.upserted", "org.skillpath.person.erased"})
@Configuration(proxyBeanMethods = false)
class PeopleEventsConsumer {

    static final String PERSON_UPSERTED = "org.skillpath.person.upserted";
    static final String PERSON_ERASED = "org.skillpath.person.erased";

    private static final Logger log = LoggerFactory.getLogger(PeopleEventsConsumer.class);

    @Bean
    Consumer<Message<byte[]>> peopleEvents(MongoTemplate mongo, ObjectMapper json, Clock clock,
                                           ApplicationEventPublisher events) {
        return message -> {
            InboundEvent event = InboundEvent.from(message);
            if (PERSON_ERASED.equals(event.type())) {
                if (blank(event.key())) {
                    throw new PoisonEventException("person.erased " + event.id() + " has no key (the person id)");
                }
                erase(mongo, event.orgId(), event.key(), clock);
                events.publishEvent(new PersonErased(event.key(), event.orgId()));
                return;
            }
            if (!PERSON_UPSERTED.equals(event.type())) {
                throw new PoisonEventException("type " + event.type() + " is not defined for skillpath.people.v1");
            }
            PersonUpserted person = event.data(json, PersonUpserted.class);
            validate(event, person);
            upsert(mongo, person, clock);
            events.publishEvent(new RecipientArrived(person.personId(), person.orgId()));
        };
    }

    private static void validate(InboundEvent event, PersonUpserted person) {
        if (blank(person.personId()) || blank(person.orgId()) || blank(person.email())) {
            throw new PoisonEventException("person.upserted " + event.id() + " lacks personId, orgId or email");
        }
        if (!person.orgId().equals(event.orgId())) {
            throw new PoisonEventException("person.upserted " + event.id() + " carries orgId " + person.orgId()
                    + " but its CloudEvent says " + event.orgId());
        }
    }

    /**
     * One atomic upsert carrying the person's full state: applying it again (a redelivery, a replay of the
     * compacted topic) leaves the same document. The filter includes the tenant, so a person id already held
     * by another organisation collides on {@code _id} instead of being taken over.
     */
    private static void upsert(MongoTemplate mongo, PersonUpserted p, Clock clock) {
        Query query = new Query(Criteria.where("_id").is(p.personId()).and("orgId").is(p.orgId()));
        Update update = new Update()
                .set("displayName", p.displayName())
                .set("email", p.email())
                .set("locale", blank(p.locale()) ? Recipient.DEFAULT_LOCALE : p.locale())
                .set("timeZone", blank(p.timeZone()) ? Recipient.DEFAULT_TIME_ZONE : p.timeZone())
                .set("managerId", p.managerId())
                .set("active", p.active() == null || p.active())
                .set("erased", false)
                .set("updatedAt", clock.instant());
        try {
            mongo.upsert(query, update, Recipient.class);
        } catch (DuplicateKeyException otherTenant) {
            throw new PoisonEventException("organisation mismatch: person " + p.personId()
                    + " belongs to another organisation than " + p.orgId());
        }
        log.debug("recipient {} of {} stored", p.personId(), p.orgId());
    }

    /**
     * Keeps only the marker: id, tenant and {@code erased}. An upsert, so an erasure arriving before (or without)
     * any upsert still stops mail to that id; applying it twice changes nothing.
     */
    private static void erase(MongoTemplate mongo, String orgId, String personId, Clock clock) {
        Query query = new Query(Criteria.where("_id").is(personId).and("orgId").is(orgId));
        Update update = new Update().set("erased", true).set("active", false).set("updatedAt", clock.instant())
                .unset("displayName").unset("email").unset("locale").unset("timeZone").unset("managerId");
        try {
            mongo.upsert(query, update, Recipient.class);
        } catch (DuplicateKeyException otherTenant) {
            // Never erase (or recreate) another tenant's person.
            throw new PoisonEventException("organisation mismatch: person " + personId
                    + " belongs to another organisation than " + orgId);
        }
        log.info("recipient {} of {} erased", personId, orgId);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
