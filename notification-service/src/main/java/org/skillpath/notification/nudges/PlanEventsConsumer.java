package org.skillpath.notification.nudges;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.function.Consumer;

import org.skillpath.kit.consumer.Idempotency;
import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.kit.events.InboundEvent;
import org.skillpath.kit.events.PoisonEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import tools.jackson.databind.ObjectMapper;

/** Consumes {@code skillpath.plan.v1}: a created plan becomes a PLAN_READY nudge for its owner. */
@Configuration(proxyBeanMethods = false)
class PlanEventsConsumer {

    static final String PLAN_CREATED = "org.skillpath.plan.created";
    /** Defined for the topic; nudged later (mentor introductions, revisions, completion), not yet. */
    static final Set<String> NOT_YET_NUDGED = Set.of("org.skillpath.plan.revised", "org.skillpath.plan.activated",
            "org.skillpath.mentor.assigned", "org.skillpath.plan.completed");

    private static final Logger log = LoggerFactory.getLogger(PlanEventsConsumer.class);

    @Bean
    Consumer<Message<byte[]>> planEvents(MongoTemplate mongo, ObjectMapper json, Clock clock,
                                         NudgeDispatcher dispatcher) {
        return message -> {
            InboundEvent event = InboundEvent.from(message);
            if (PLAN_CREATED.equals(event.type())) {
                PlanCreated plan = event.data(json, PlanCreated.class);
                validate(event, plan);
                if (recordPlanReady(mongo, clock, event, plan)) {
                    dispatcher.wakeUp();
                }
            } else if (!NOT_YET_NUDGED.contains(event.type())) {
                throw new PoisonEventException("type " + event.type() + " is not defined for skillpath.plan.v1");
            }
        };
    }

    /**
     * Records the nudge as INTENDED before any mail goes out. Its id derives from the cause, so a redelivered
     * plan.created collides on {@code _id} and changes nothing: one plan, one nudge, one mail.
     */
    static boolean recordPlanReady(MongoTemplate mongo, Clock clock, InboundEvent event, PlanCreated plan) {
        String id = DeterministicIds.of(event.dedupKey(), plan.personId(), NudgeKind.PLAN_READY.name());
        Nudge nudge = Nudge.intended(id, plan.orgId(), plan.personId(), NudgeKind.PLAN_READY, event.id(),
                PlanReadyModel.of(plan), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        boolean recorded = Idempotency.insertOnce(mongo, nudge);
        if (!recorded) {
            log.debug("plan.created {} already recorded as nudge {}", event.id(), id);
        }
        return recorded;
    }

    private static void validate(InboundEvent event, PlanCreated plan) {
        if (blank(plan.planId()) || blank(plan.personId()) || blank(plan.orgId())) {
            throw new PoisonEventException("plan.created " + event.id() + " lacks planId, personId or orgId");
        }
        if (!plan.orgId().equals(event.orgId())) {
            throw new PoisonEventException("plan.created " + event.id() + " carries orgId " + plan.orgId()
                    + " but its CloudEvent says " + event.orgId());
        }
        if (plan.steps() == null || plan.steps().isEmpty()) {
            throw new PoisonEventException("plan.created " + event.id() + " has no steps");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
