package org.skillpath.progress.dashboard;

import org.skillpath.kit.asyncapi.ConsumesEvents;
import java.util.Set;
import java.util.function.Consumer;

import org.skillpath.kit.events.InboundEvent;
import org.skillpath.kit.events.PoisonEventException;
import org.skillpath.progress.xapi.LrsForwarder;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Binding {@code progressEvents-in-0} ({@code skillpath.progress.v1}, this service's own topic): the dashboard
 * learns completions the way every other reader does, from the published events, so rebuilding it from the
 * topics gives what it showed before. The optional forwarding to an external LRS rides on the same records.
 */
@ConsumesEvents(binding = "progressEvents-in-0", types = {"org.skillpath.step.completed", "org.skillpath.step.overdue", "org.skillpath.step.due-soon", "org.skillpath.plan.completed", "org.skillpath.reassessment.due"})
@Component("progressEvents")
class ProgressEventsConsumer implements Consumer<Message<byte[]>> {

    private static final Set<String> DEFINED = Set.of("org.skillpath.step.completed", "org.skillpath.step.overdue",
            "org.skillpath.step.due-soon", "org.skillpath.plan.completed", "org.skillpath.reassessment.due");

    private final DashboardProjection dashboard;
    private final LrsForwarder forwarder;

    ProgressEventsConsumer(DashboardProjection dashboard, LrsForwarder forwarder) {
        this.dashboard = dashboard;
        this.forwarder = forwarder;
    }

    @Override
    public void accept(Message<byte[]> message) {
        InboundEvent event = InboundEvent.from(message);
        if (!DEFINED.contains(event.type())) {
            throw new PoisonEventException("event type " + event.type() + " is not defined for skillpath.progress.v1");
        }
        dashboard.apply(event);
        forwarder.forward(event);
    }
}
