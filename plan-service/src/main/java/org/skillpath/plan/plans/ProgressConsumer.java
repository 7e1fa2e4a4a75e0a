package org.skillpath.plan.plans;

import org.skillpath.kit.asyncapi.ConsumesEvents;
import java.time.Instant;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.skillpath.kit.events.InboundEvent;
import org.skillpath.kit.events.PoisonEventException;
import org.skillpath.plan.people.PersonViews;
import org.skillpath.plan.people.SameOrganisation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.ObjectMapper;

/** Consumes {@code skillpath.progress.v1}: completed steps (never planned again) and completed plans. */
@ConsumesEvents(binding = "progressEvents-in-0", types = {"org.skillpath.step.completed", "org.skillpath.plan.completed"})
@Configuration(proxyBeanMethods = false)
class ProgressConsumer {

    static final String STEP_COMPLETED = "org.skillpath.step.completed";
    static final String PLAN_COMPLETED = "org.skillpath.plan.completed";
    static final String STEP_OVERDUE = "org.skillpath.step.overdue";
    static final String STEP_DUE_SOON = "org.skillpath.step.due-soon";
    static final String REASSESSMENT_DUE = "org.skillpath.reassessment.due";

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StepCompleted(String planId, String stepId, String personId, String orgId, String activityId,
                         Instant completedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PlanCompleted(String planId, String personId, String orgId, Instant completedAt) {
    }

    @Bean
    Consumer<Message<byte[]>> progressEvents(ObjectMapper mapper, PlanLifecycle lifecycle, PersonViews people) {
        return message -> {
            InboundEvent event = InboundEvent.from(message);
            switch (event.type()) {
                case STEP_COMPLETED -> {
                    StepCompleted done = event.data(mapper, StepCompleted.class);
                    if (blank(done.planId()) || blank(done.stepId()) || blank(done.personId())
                            || !event.orgId().equals(done.orgId())) {
                        throw new PoisonEventException("step.completed " + event.id()
                                + " lacks planId, stepId or personId, or its organisation differs from ce_orgid");
                    }
                    SameOrganisation.require(event, "plan", done.planId(), lifecycle.organisationOf(done.planId()));
                    SameOrganisation.require(event, "person", done.personId(), people.organisationOf(done.personId()));
                    lifecycle.stepCompleted(done.orgId(), done.planId(), done.stepId(), done.activityId(),
                            done.personId());
                }
                case PLAN_COMPLETED -> {
                    PlanCompleted done = event.data(mapper, PlanCompleted.class);
                    if (blank(done.planId()) || done.completedAt() == null || !event.orgId().equals(done.orgId())) {
                        throw new PoisonEventException("plan.completed " + event.id()
                                + " lacks planId or completedAt, or its organisation differs from ce_orgid");
                    }
                    SameOrganisation.require(event, "plan", done.planId(), lifecycle.organisationOf(done.planId()));
                    lifecycle.completed(done.orgId(), done.planId(), done.completedAt());
                }
                // Defined for the topic, nothing for plan-service to do.
                case STEP_OVERDUE, STEP_DUE_SOON, REASSESSMENT_DUE -> {
                }
                default -> throw new PoisonEventException("skillpath.progress.v1 does not carry " + event.type());
            }
        };
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
