package org.skillpath.progress.progress;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.skillpath.kit.outbox.OutboxDocument;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person's progress along one learning plan. Its id is the plan's id, so the plan.created event that
 * causes it can only ever create one. It carries an outbox for the events progress emits
 * ({@code skillpath.progress.v1}).
 */
@Document("plan_progress")
@CompoundIndex(name = "org_person_created", def = "{'orgId': 1, 'personId': 1, 'createdAt': -1}")
public class PlanProgress extends OutboxDocument {

    @Id
    private String planId;
    private String orgId;
    private String personId;
    private String assessmentId;
    private LocalDate startsOn;
    private LocalDate endsOn;
    private Instant createdAt;
    private List<PlanStep> steps;

    protected PlanProgress() {
    }

    static PlanProgress of(PlanCreated plan) {
        PlanProgress p = new PlanProgress();
        p.planId = plan.planId();
        p.orgId = plan.orgId();
        p.personId = plan.personId();
        p.assessmentId = plan.assessmentId();
        p.startsOn = plan.startsOn();
        p.endsOn = plan.endsOn();
        p.createdAt = plan.createdAt();
        p.steps = plan.steps().stream().map(PlanStep::notStarted).toList();
        return p;
    }

    public String getPlanId() {
        return planId;
    }

    public String getOrgId() {
        return orgId;
    }

    public String getPersonId() {
        return personId;
    }

    public String getAssessmentId() {
        return assessmentId;
    }

    public LocalDate getStartsOn() {
        return startsOn;
    }

    public LocalDate getEndsOn() {
        return endsOn;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public List<PlanStep> getSteps() {
        return steps;
    }
}
