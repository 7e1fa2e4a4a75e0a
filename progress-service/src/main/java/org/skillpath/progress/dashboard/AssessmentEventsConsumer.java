package org.skillpath.progress.dashboard;

import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.skillpath.kit.asyncapi.ConsumesEvents;
import org.skillpath.kit.events.InboundEvent;
import org.skillpath.kit.events.PoisonEventException;
import org.skillpath.progress.access.TenancyCheck;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Binding {@code assessmentEvents-in-0} ({@code skillpath.assessment.v1}): skillgaps.identified feeds the
 * dashboard's levels, top gaps and growth. The other assessment events are not needed here. Gaps of a person
 * stored here under another organisation are dead-lettered.
 */
@ConsumesEvents(binding = "assessmentEvents-in-0", types = {"org.skillpath.skillgaps.identified"})
@Component("assessmentEvents")
class AssessmentEventsConsumer implements Consumer<Message<byte[]>> {

    private static final Set<String> IGNORED = Set.of("org.skillpath.assessment.requested",
            "org.skillpath.assessment.completed");

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Subject(String personId) {
    }

    private final DashboardProjection dashboard;
    private final TenancyCheck tenancy;
    private final ObjectMapper json;

    AssessmentEventsConsumer(DashboardProjection dashboard, TenancyCheck tenancy, ObjectMapper json) {
        this.dashboard = dashboard;
        this.tenancy = tenancy;
        this.json = json;
    }

    @Override
    public void accept(Message<byte[]> message) {
        InboundEvent event = InboundEvent.from(message);
        if (IGNORED.contains(event.type())) {
            return;
        }
        if (!DashboardProjection.GAPS_IDENTIFIED.equals(event.type())) {
            throw new PoisonEventException("event type " + event.type() + " is not defined for skillpath.assessment.v1");
        }
        tenancy.person(event.orgId(), event.data(json, Subject.class).personId());
        dashboard.apply(event);
    }
}
