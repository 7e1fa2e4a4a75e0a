package org.skillpath.progress.dashboard;

import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.skillpath.kit.asyncapi.ConsumesEvents;
import org.skillpath.kit.events.InboundEvent;
import org.skillpath.kit.events.PoisonEventException;
import org.skillpath.progress.access.TenancyCheck;
import org.skillpath.progress.xapi.LrsForwarder;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Binding {@code progressEvents-in-0} ({@code skillpath.progress.v1}, this service's own topic): the dashboard
 * learns completions the way every other reader does, from the published events, so rebuilding it from the
 * topics gives what it showed before. The optional forwarding to an external LRS rides on the same records.
 * An event whose plan or person is stored here under another organisation is dead-lettered.
 */
@ConsumesEvents(binding = "progressEvents-in-0", types = {"org.skillpath.step.completed", "org.skillpath.step.overdue", "org.skillpath.step.due-soon", "org.skillpath.plan.completed", "org.skillpath.reassessment.due"})
@Component("progressEvents")
class ProgressEventsConsumer implements Consumer<Message<byte[]>> {

    private static final Set<String> DEFINED = Set.of("org.skillpath.step.completed", "org.skillpath.step.overdue",
            "org.skillpath.step.due-soon", "org.skillpath.plan.completed", "org.skillpath.reassessment.due");

    /** What every progress event names. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Subject(String planId, String personId) {
    }

    private final DashboardProjection dashboard;
    private final LrsForwarder forwarder;
    private final TenancyCheck tenancy;
    private final ObjectMapper json;

    ProgressEventsConsumer(DashboardProjection dashboard, LrsForwarder forwarder, TenancyCheck tenancy,
                           ObjectMapper json) {
        this.dashboard = dashboard;
        this.forwarder = forwarder;
        this.tenancy = tenancy;
        this.json = json;
    }

    @Override
    public void accept(Message<byte[]> message) {
        InboundEvent event = InboundEvent.from(message);
        if (!DEFINED.contains(event.type())) {
            throw new PoisonEventException("event type " + event.type() + " is not defined for skillpath.progress.v1");
        }
        Subject subject = event.data(json, Subject.class);
        tenancy.plan(event.orgId(), subject.planId());
        tenancy.person(event.orgId(), subject.personId());
        dashboard.apply(event);
        forwarder.forward(event);
    }
}
