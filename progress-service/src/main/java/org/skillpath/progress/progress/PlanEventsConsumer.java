package org.skillpath.progress.progress;

import org.skillpath.kit.asyncapi.ConsumesEvents;
import java.util.function.Consumer;

import org.skillpath.kit.events.InboundEvent;
import org.skillpath.kit.events.PoisonEventException;
import org.skillpath.progress.access.TenancyCheck;
import org.skillpath.progress.dashboard.DashboardProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Binding {@code planEvents-in-0} ({@code skillpath.plan.v1}): plan.created opens the plan's progress record
 * (its id is the plan id, so a redelivery creates nothing); plan.activated, plan.revised and mentor.assigned
 * change it, each recorded by its event key in the same guarded save, so a redelivery changes nothing. The
 * dashboard read model is fed from the same events. An event whose plan, person or mentor is stored here under
 * another organisation is dead-lettered and changes nothing.
 */
@ConsumesEvents(binding = "planEvents-in-0", types = {"org.skillpath.plan.created", "org.skillpath.plan.activated", "org.skillpath.plan.revised", "org.skillpath.mentor.assigned"})
@Component("planEvents")
class PlanEventsConsumer implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(PlanEventsConsumer.class);

    static final String CREATED = "org.skillpath.plan.created";
    static final String ACTIVATED = "org.skillpath.plan.activated";
    static final String REVISED = "org.skillpath.plan.revised";
    static final String MENTOR_ASSIGNED = "org.skillpath.mentor.assigned";

    private final PlanProgressService plans;
    private final DashboardProjection dashboard;
    private final ObjectMapper json;
    private final TenancyCheck tenancy;

    PlanEventsConsumer(PlanProgressService plans, DashboardProjection dashboard, ObjectMapper json,
                       TenancyCheck tenancy) {
        this.plans = plans;
        this.dashboard = dashboard;
        this.json = json;
        this.tenancy = tenancy;
    }

    @Override
    public void accept(Message<byte[]> message) {
        InboundEvent event = InboundEvent.from(message);
        switch (event.type()) {
            case CREATED -> created(event);
            case ACTIVATED -> activated(event);
            case REVISED -> revised(event);
            case MENTOR_ASSIGNED -> mentorAssigned(event);
            default -> throw new PoisonEventException("event type " + event.type() + " is not defined for skillpath.plan.v1");
        }
    }

    private void created(InboundEvent event) {
        PlanCreated plan = event.data(json, PlanCreated.class).requireComplete();
        sameOrg(event, plan.orgId());
        tenancy.person(plan.orgId(), plan.personId());
        tenancy.person(plan.orgId(), plan.mentorId());
        if (!plans.create(PlanProgress.of(plan))) {
            // The id is taken: by this plan (a redelivery), or by another organisation's.
            tenancy.plan(plan.orgId(), plan.planId());
            log.debug("plan {} has a progress record already; event {} changes nothing", plan.planId(), event.id());
        }
        dashboard.apply(event);
    }

    private void activated(InboundEvent event) {
        PlanActivated activated = event.data(json, PlanActivated.class).requireComplete();
        sameOrg(event, activated.orgId());
        change(event, activated.orgId(), activated.planId(), c -> c.plan().activate());
        dashboard.apply(event);
    }

    private void revised(InboundEvent event) {
        PlanRevised revised = event.data(json, PlanRevised.class).requireComplete();
        sameOrg(event, revised.orgId());
        change(event, revised.orgId(), revised.planId(), c -> c.plan().revise(revised));
        dashboard.apply(event);
    }

    private void mentorAssigned(InboundEvent event) {
        MentorAssigned assigned = event.data(json, MentorAssigned.class).requireComplete();
        sameOrg(event, assigned.orgId());
        tenancy.person(assigned.orgId(), assigned.mentorId());
        change(event, assigned.orgId(), assigned.planId(), c -> c.plan().assignMentor(assigned.mentorId()));
    }

    /**
     * Plan events are keyed by person, so a plan's later events follow its plan.created on the same partition;
     * one for an unknown plan cannot become processable by waiting and goes to the dead-letter topic.
     */
    private void change(InboundEvent event, String orgId, String planId, Consumer<PlanProgressService.Change> change) {
        plans.update(orgId, planId, c -> {
            if (c.plan().firstTime(event.dedupKey())) {
                change.accept(c);
            }
            return true;
        }).orElseThrow(() -> {
            tenancy.plan(orgId, planId);
            return new PoisonEventException("event " + event.type() + " " + event.id()
                    + " is for plan " + planId + ", which this service does not know");
        });
    }

    private static void sameOrg(InboundEvent event, String dataOrgId) {
        if (!dataOrgId.equals(event.orgId())) {
            throw new PoisonEventException("event " + event.id() + " orgid " + event.orgId()
                    + " differs from its data's orgId " + dataOrgId);
        }
    }
}
