package org.skillpath.assessment.assessment;

import org.skillpath.kit.asyncapi.ConsumesEvents;
import java.time.LocalDate;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.skillpath.kit.events.InboundEvent;
import org.skillpath.kit.events.PoisonEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.ObjectMapper;

/**
 * Consumes {@code skillpath.progress.v1}: a due reassessment starts a new assessment with the same raters. An
 * event whose organisation is not that of the assessment it names changes nothing and is dead-lettered.
 */
@ConsumesEvents(binding = "progressEvents-in-0", types = {"org.skillpath.reassessment.due"})
@Configuration(proxyBeanMethods = false)
class ReassessmentConsumer {

    static final String REASSESSMENT_DUE = "org.skillpath.reassessment.due";
    private static final Logger log = LoggerFactory.getLogger(ReassessmentConsumer.class);

    /** The part of {@code reassessment.due} this service needs (contracts/schemas/reassessment.due.json). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReassessmentDue(String planId, String personId, String orgId, String previousAssessmentId,
                           String roleProfileId, LocalDate dueOn) {
        ReassessmentDue checked(InboundEvent event) {
            if (personId == null || orgId == null || previousAssessmentId == null) {
                throw new PoisonEventException("reassessment.due " + event.id() + " lacks personId, orgId or previousAssessmentId");
            }
            if (!orgId.equals(event.orgId())) {
                throw new PoisonEventException("organisation mismatch: event " + event.id() + " is for organisation "
                        + event.orgId() + " but its data for " + orgId);
            }
            return this;
        }
    }

    @Bean
    Consumer<Message<byte[]>> progressEvents(ObjectMapper mapper, AssessmentService assessments) {
        return message -> {
            InboundEvent event = InboundEvent.from(message);
            switch (event.type()) {
                case REASSESSMENT_DUE -> {
                    ReassessmentDue due = event.data(mapper, ReassessmentDue.class).checked(event);
                    try {
                        assessments.reassess(due.orgId(), event.dedupKey(), due.personId(), due.previousAssessmentId(),
                                        due.roleProfileId(), due.dueOn())
                                .ifPresentOrElse(a -> log.info("reassessment {} of person {} started ({} raters invited)",
                                                a.getId(), a.getPersonId(), a.getInvitations().size()),
                                        () -> log.info("reassessment for event {} exists already or person {} is gone",
                                                event.id(), due.personId()));
                    } catch (IllegalArgumentException unusable) {
                        throw new PoisonEventException("reassessment.due " + event.id() + ": " + unusable.getMessage(), unusable);
                    }
                }
                // Progress of plans is not this service's concern.
                case "org.skillpath.step.completed", "org.skillpath.step.overdue", "org.skillpath.step.due-soon",
                     "org.skillpath.plan.completed" -> {
                }
                default -> throw new PoisonEventException("skillpath.progress.v1 does not carry " + event.type());
            }
        };
    }
}
