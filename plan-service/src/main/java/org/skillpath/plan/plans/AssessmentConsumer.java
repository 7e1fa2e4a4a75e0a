package org.skillpath.plan.plans;

import org.skillpath.kit.asyncapi.ConsumesEvents;
import java.util.Optional;
import java.util.function.Consumer;

import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.kit.events.InboundEvent;
import org.skillpath.kit.events.PoisonEventException;
import org.skillpath.plan.people.PersonView;
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
                    // Neither this assessment's plan nor the person may be another organisation's.
                    String planId = DeterministicIds.of("plan", gaps.assessmentId());
                    Optional<String> planOrg = plans.organisationOf(planId);
                    SameOrganisation.require(event, "plan", planId, planOrg);
                    // Every assessed person's strengths, gaps or not: they make the mentor pool. Written only for
                    // the person of this organisation; the person comes back as stored, to check and plan with.
                    PersonView person = people.recordStrengths(gaps.orgId(), gaps.personId(), gaps.strongSkills(),
                            gaps.identifiedAt());
                    SameOrganisation.require(event, "person", gaps.personId(), Optional.ofNullable(person.orgId()));
                    proposals.handle(gaps, person, planOrg.isPresent());
                }
                // Nothing to plan yet: the gaps of a completed assessment arrive as their own event.
                case COMPLETED, REQUESTED -> {
                }
                default -> throw new PoisonEventException("skillpath.assessment.v1 does not carry " + event.type());
            }
        };
    }
}
