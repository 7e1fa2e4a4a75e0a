package org.skillpath.progress.dashboard;

import org.skillpath.kit.asyncapi.ConsumesEvents;
import java.util.Set;
import java.util.function.Consumer;

import org.skillpath.kit.events.InboundEvent;
import org.skillpath.kit.events.PoisonEventException;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Binding {@code assessmentEvents-in-0} ({@code skillpath.assessment.v1}): skillgaps.identified feeds the
 * dashboard's levels, top gaps and growth. The other assessment events are not needed here.
 */
@ConsumesEvents(binding = "assessmentEvents-in-0", types = {"org.skillpath.skillgaps.identified"})
@Component("assessmentEvents")
class AssessmentEventsConsumer implements Consumer<Message<byte[]>> {

    private static final Set<String> IGNORED = Set.of("org.skillpath.assessment.requested",
            "org.skillpath.assessment.completed");

    private final DashboardProjection dashboard;

    AssessmentEventsConsumer(DashboardProjection dashboard) {
        this.dashboard = dashboard;
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
        dashboard.apply(event);
    }
}
