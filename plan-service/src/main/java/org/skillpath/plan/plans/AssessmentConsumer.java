package org.skillpath.plan.plans;

import org.skillpath.kit.asyncapi.ConsumesEvents;
import java.util.function.Consumer;

import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.kit.events.InboundEvent;
import org.skillpath.kit.events.PoisonEventException;
import org.skillpath.plan.people.PersonViews;
import org.skillpath.plan.people.SameOrganisation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.ObjectMapper;

/** Consumes {@code skillpath.assessment.v1}: identified gaps become a plan. */
@ConsumesEvents(binding = "assessmentEvents-in-0", types = {"org.skillpath.skillgaps.identified"})
@Configuration(proxyBeanMethods = false)
class AssessmentConsumer {

    static final String GAPS_IDENTIFIED = "org.skillpath.skillgaps.identified";
    static final String COMPLETED = "org.skillpath.assessment.completed";
    static final String REQUESTED = "org.skillpath.assessment.requested";

    @Bean
    Consumer<Message<byte[]>> assessmentEvents(ObjectMapper mapper, PlanProposals proposals, PersonViews people,
                                               PlanLifecycle plans) {
        return message -> {
            InboundEvent event = InboundEvent.from(message);
            switch (event.type()) {
                case GAPS_IDENTIFIED -> {
                    SkillGapsIdentified gaps = event.data(mapper, SkillGapsIdentified.class).checked(event.id());
                    if (!gaps.orgId().equals(event.orgId())) {
                        throw new PoisonEventException("event " + event.id() + " is for organisation "
                                + event.orgId() + " but its data for " + gaps.orgId());
                    }
                    // Neither the person nor this assessment's plan may be another organisation's.
                    SameOrganisation.require(event, "person", gaps.personId(), people.organisationOf(gaps.personId()));
                    String planId = DeterministicIds.of("plan", gaps.assessmentId());
                    SameOrganisation.require(event, "plan", planId, plans.organisationOf(planId));
                    // Every assessed person's strengths, gaps or not: they make the mentor pool.
                    people.recordStrengths(gaps.orgId(), gaps.personId(), gaps.strongSkills(), gaps.identifiedAt());
                    proposals.handle(gaps);
                }
                // Nothing to plan yet: the gaps of a completed assessment arrive as their own event.
                case COMPLETED, REQUESTED -> {
                }
                default -> throw new PoisonEventException("skillpath.assessment.v1 does not carry " + event.type());
            }
        };
    }
}
