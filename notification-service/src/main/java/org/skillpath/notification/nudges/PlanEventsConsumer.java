package org.skillpath.notification.nudges;

import org.skillpath.kit.asyncapi.ConsumesEvents;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.skillpath.kit.events.InboundEvent;
import org.skillpath.kit.events.PoisonEventException;
import org.skillpath.notification.recipients.RecipientRepository;
import org.skillpath.notification.team.TeamActivities;
import org.skillpath.notification.team.TeamActivity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.ObjectMapper;

/**
 * Consumes {@code skillpath.plan.v1}: a created plan becomes a PLAN_READY nudge for its owner (and news for
 * their manager's digest); a matched mentor becomes a MENTOR_INTRODUCTION nudge to each side.
 */
@ConsumesEvents(binding = "planEvents-in-0", types = {"org.skillpath.plan.created", "org.skillpath.mentor.assigned"})
@Configuration(proxyBeanMethods = false)
class PlanEventsConsumer {

    static final String PLAN_CREATED = "org.skillpath.plan.created";
    static final String MENTOR_ASSIGNED = "org.skillpath.mentor.assigned";
    /** Defined for the topic, nothing to mail. */
    static final Set<String> IGNORED = Set.of("org.skillpath.plan.revised", "org.skillpath.plan.activated");

    @JsonIgnoreProperties(ignoreUnknown = true)
    record MentorAssigned(String planId, String personId, String orgId, String mentorId, List<String> skillIds,
                          String reason) {
    }

    @Bean
    Consumer<Message<byte[]>> planEvents(ObjectMapper json, NudgeRecorder recorder, TeamActivities team,
                                         RecipientRepository recipients) {
        return message -> {
            InboundEvent event = InboundEvent.from(message);
            if (PLAN_CREATED.equals(event.type())) {
                PlanCreated plan = event.data(json, PlanCreated.class);
                validate(event, plan);
                Checks.sameOrgAsStored(event, recipients, plan.personId());
                team.record(event, plan.orgId(), plan.personId(), TeamActivity.Type.PLAN_STARTED, plan.planId(), null,
                        plan.roleName(), plan.startsOn(), 0, plan.createdAt());
                // One plan, one nudge, one mail: the id derives from the event, the recipient and the kind.
                recorder.record(event, plan.orgId(), plan.personId(), NudgeKind.PLAN_READY, PlanReadyModel.of(plan),
                        List.of(), null);
            } else if (MENTOR_ASSIGNED.equals(event.type())) {
                MentorAssigned m = event.data(json, MentorAssigned.class);
                Checks.required(event, "planId", m.planId(), "personId", m.personId(), "orgId", m.orgId(),
                        "mentorId", m.mentorId(), "reason", m.reason());
                Checks.sameOrg(event, m.orgId());
                Checks.sameOrgAsStored(event, recipients, m.personId(), m.mentorId());
                if (m.skillIds() == null || m.skillIds().isEmpty()) {
                    throw new PoisonEventException(event.type() + " " + event.id() + " has no skillIds");
                }
                recorder.record(event, m.orgId(), m.personId(), NudgeKind.MENTOR_INTRODUCTION,
                        new MentorIntroductionModel(m.planId(), m.personId(), m.mentorId(), m.skillIds(), m.reason(),
                                false), List.of(m.mentorId()), null);
                recorder.record(event, m.orgId(), m.mentorId(), NudgeKind.MENTOR_INTRODUCTION,
                        new MentorIntroductionModel(m.planId(), m.personId(), m.mentorId(), m.skillIds(), m.reason(),
                                true), List.of(m.personId()), null);
            } else if (!IGNORED.contains(event.type())) {
                throw new PoisonEventException("type " + event.type() + " is not defined for skillpath.plan.v1");
            }
        };
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
