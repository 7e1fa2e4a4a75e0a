package org.skillpath.progress.progress;

import java.util.function.Consumer;

import org.skillpath.kit.consumer.Idempotency;
import org.skillpath.kit.events.InboundEvent;
import org.skillpath.kit.events.PoisonEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Binding {@code planEvents-in-0} ({@code skillpath.plan.v1}): a plan.created opens the plan's progress
 * record. The record's id is the plan id, so a redelivered or replayed plan.created changes nothing.
 */
@Component("planEvents")
class PlanEventsConsumer implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(PlanEventsConsumer.class);

    static final String CREATED = "org.skillpath.plan.created";
    static final String REVISED = "org.skillpath.plan.revised";
    static final String MENTOR_ASSIGNED = "org.skillpath.mentor.assigned";
    static final String COMPLETED = "org.skillpath.plan.completed";

    private final MongoTemplate mongo;
    private final ObjectMapper json;

    PlanEventsConsumer(MongoTemplate mongo, ObjectMapper json) {
        this.mongo = mongo;
        this.json = json;
    }

    @Override
    public void accept(Message<byte[]> message) {
        InboundEvent event = InboundEvent.from(message);
        switch (event.type()) {
            case CREATED -> created(event);
            // Defined for the topic; progress does not act on them (yet).
            case REVISED, MENTOR_ASSIGNED, COMPLETED -> { }
            default -> throw new PoisonEventException("event type " + event.type() + " is not defined for skillpath.plan.v1");
        }
    }

    private void created(InboundEvent event) {
        PlanCreated plan = event.data(json, PlanCreated.class).requireComplete();
        if (!plan.orgId().equals(event.orgId())) {
            throw new PoisonEventException("event " + event.id() + " orgid " + event.orgId()
                    + " differs from its data's orgId " + plan.orgId());
        }
        if (!Idempotency.insertOnce(mongo, PlanProgress.of(plan))) {
            log.debug("plan {} has a progress record already; event {} changes nothing", plan.planId(), event.id());
        }
    }
}
