package org.skillpath.plan.people;

import org.skillpath.kit.asyncapi.ConsumesEvents;
import java.util.function.Consumer;

import org.skillpath.kit.events.InboundEvent;
import org.skillpath.kit.events.PoisonEventException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.ObjectMapper;

/** Consumes {@code skillpath.people.v1} (compacted, key = personId) into the people view. */
@ConsumesEvents(binding = "peopleEvents-in-0", types = {"org.skillpath.person.upserted", "org.skillpath.person.erased"})
@Configuration(proxyBeanMethods = false)
class PeopleConsumer {

    static final String UPSERTED = "org.skillpath.person.upserted";
    /** A tombstone: the person was erased from the directory, so plan-service forgets them too. */
    static final String ERASED = "org.skillpath.person.erased";

    @Bean
    Consumer<Message<byte[]>> peopleEvents(ObjectMapper mapper, PersonViews views, ApplicationEventPublisher events) {
        return message -> {
            InboundEvent event = InboundEvent.from(message);
            switch (event.type()) {
                case UPSERTED -> {
                    PersonUpserted person = event.data(mapper, PersonUpserted.class).checked(event.id());
                    if (!person.orgId().equals(event.orgId())) {
                        throw new PoisonEventException("event " + event.id() + " is for organisation "
                                + event.orgId() + " but its data for " + person.orgId());
                    }
                    SameOrganisation.require(event, "person", person.personId(),
                            views.organisationOf(person.personId()));
                    views.apply(person);
                }
                case ERASED -> {
                    if (event.key() == null || event.key().isBlank()) {
                        throw new PoisonEventException("erasure " + event.id() + " has no key (the person id)");
                    }
                    SameOrganisation.require(event, "person", event.key(), views.organisationOf(event.key()));
                    // Their plans first: should this fail, the redelivered erasure still finds the person.
                    events.publishEvent(new PersonErased(event.orgId(), event.key()));
                    views.erase(event.orgId(), event.key());
                }
                default -> throw new PoisonEventException("skillpath.people.v1 does not carry " + event.type());
            }
        };
    }
}
