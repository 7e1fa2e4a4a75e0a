package org.skillpath.notification.nudges;

import org.skillpath.kit.asyncapi.ConsumesEvents;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.skillpath.kit.events.InboundEvent;
import org.skillpath.kit.events.PoisonEventException;
import org.skillpath.notification.recipients.RecipientRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.ObjectMapper;

/**
 * Consumes {@code skillpath.assessment.v1}: each {@code assessment.requested} invites one rater (named in the
 * data; the record key is the assessed person) and becomes a RATER_INVITATION nudge to that rater, with the
 * link to answer. An invitation not deliverable before its due date has passed expires.
 */
@ConsumesEvents(binding = "assessmentEvents-in-0", types = {"org.skillpath.assessment.requested"})
@Configuration(proxyBeanMethods = false)
class AssessmentEventsConsumer {

    static final String REQUESTED = "org.skillpath.assessment.requested";
    /** Defined for the topic, nothing to mail. */
    static final Set<String> IGNORED = Set.of("org.skillpath.assessment.completed", "org.skillpath.skillgaps.identified");

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AssessmentRequested(String assessmentId, String personId, String orgId, String invitationId, String raterId,
                               String raterGroup, LocalDate dueOn) {
    }

    @Bean
    Consumer<Message<byte[]>> assessmentEvents(ObjectMapper json, NudgeRecorder recorder,
            RecipientRepository recipients,
            @Value("${skillpath.mail.links.assessment:http://127.0.0.1:8081/assessments/{assessmentId}/invitations/{invitationId}}")
            String linkTemplate) {
        return message -> {
            InboundEvent event = InboundEvent.from(message);
            if (IGNORED.contains(event.type())) {
                return;
            }
            if (!REQUESTED.equals(event.type())) {
                throw new PoisonEventException("type " + event.type() + " is not defined for skillpath.assessment.v1");
            }
            AssessmentRequested a = event.data(json, AssessmentRequested.class);
            Checks.required(event, "assessmentId", a.assessmentId(), "personId", a.personId(), "orgId", a.orgId(),
                    "invitationId", a.invitationId(), "raterId", a.raterId(), "raterGroup", a.raterGroup());
            if (a.dueOn() == null) {
                throw new PoisonEventException(event.type() + " " + event.id() + " lacks dueOn");
            }
            Checks.sameOrg(event, a.orgId());
            Checks.sameOrgAsStored(event, recipients, a.personId(), a.raterId());
            String link = linkTemplate.replace("{assessmentId}", a.assessmentId())
                    .replace("{invitationId}", a.invitationId());
            recorder.record(event, a.orgId(), a.raterId(), NudgeKind.RATER_INVITATION,
                    new RaterInvitationModel(a.assessmentId(), a.invitationId(), a.personId(), a.raterGroup(),
                            a.dueOn(), link),
                    a.raterId().equals(a.personId()) ? List.of() : List.of(a.personId()),
                    a.dueOn().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        };
    }
}
