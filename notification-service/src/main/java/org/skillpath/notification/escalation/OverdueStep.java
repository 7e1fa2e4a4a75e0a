package org.skillpath.notification.escalation;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A step that went overdue, per step and due date (as progress-service reports it: once). It schedules the
 * escalation to the manager at {@code escalateAt}, and tells the manager digest which steps are still open.
 * {@code resolved} turns true when the step is completed, its plan completes, or it gets another due date.
 */
@Document(OverdueStep.COLLECTION)
@CompoundIndexes({
        @CompoundIndex(name = "org_plan_step", def = "{'orgId': 1, 'planId': 1, 'stepId': 1}"),
        @CompoundIndex(name = "org_person", def = "{'orgId': 1, 'personId': 1}"),
        // The escalation job's claim spans all tenants.
        @CompoundIndex(name = "due", def = "{'status': 1, 'resolved': 1, 'escalateAt': 1, 'leaseUntil': 1}")
})
public class OverdueStep {

    static final String COLLECTION = "overdue_steps";

    public enum Status {
        /** Waiting for {@code escalateAt}. */
        OPEN,
        ESCALATED,
        /** Nobody to tell: neither the event nor the people directory names a manager. */
        NO_MANAGER
    }

    @Id
    private String id;
    private String orgId;
    private String personId;
    private String planId;
    private String stepId;
    private String title;
    private LocalDate dueOn;
    private String managerId;
    private String causeEventId;
    private Instant escalateAt;
    private Status status;
    private boolean resolved;
    private Instant leaseUntil;
    private String leaseOwner;
    private String escalatedTo;

    protected OverdueStep() {
    }

    static OverdueStep open(String id, String orgId, String personId, String planId, String stepId, String title,
                            LocalDate dueOn, String managerId, String causeEventId, Instant escalateAt) {
        OverdueStep s = new OverdueStep();
        s.id = id;
        s.orgId = orgId;
        s.personId = personId;
        s.planId = planId;
        s.stepId = stepId;
        s.title = title;
        s.dueOn = dueOn;
        s.managerId = managerId;
        s.causeEventId = causeEventId;
        s.escalateAt = escalateAt;
        s.status = Status.OPEN;
        s.leaseUntil = Instant.EPOCH;
        return s;
    }

    public String getId() {
        return id;
    }

    public String getOrgId() {
        return orgId;
    }

    public String getPersonId() {
        return personId;
    }

    public String getPlanId() {
        return planId;
    }

    public String getStepId() {
        return stepId;
    }

    public String getTitle() {
        return title;
    }

    public LocalDate getDueOn() {
        return dueOn;
    }

    public String getManagerId() {
        return managerId;
    }

    public String getCauseEventId() {
        return causeEventId;
    }

    public Instant getEscalateAt() {
        return escalateAt;
    }

    public Status getStatus() {
        return status;
    }

    public boolean isResolved() {
        return resolved;
    }

    public String getEscalatedTo() {
        return escalatedTo;
    }
}
