package org.skillpath.plan.plans;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.skillpath.kit.outbox.OutboxDocument;
import org.skillpath.kit.outbox.OutboxEvent;
import org.skillpath.plan.planning.Mix;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/** A person's learning plan for one assessment; its id derives from the assessment, so there is one at most. */
@Document("plans")
@CompoundIndex(name = "org_person_created", def = "{'orgId': 1, 'personId': 1, 'createdAt': -1}")
public class Plan extends OutboxDocument {

    @Id
    private String id;
    private String personId;
    private String orgId;
    private String assessmentId;
    private String roleName;
    private PlanStatus status;
    private LocalDate startsOn;
    private LocalDate endsOn;
    private double weeklyBudgetHours;
    private Mix mix;
    private List<PlanStep> steps;
    private List<String> notes;
    private Instant createdAt;

    protected Plan() {
    }

    Plan(String id, String personId, String orgId, String assessmentId, String roleName, LocalDate startsOn,
         LocalDate endsOn, double weeklyBudgetHours, Mix mix, List<PlanStep> steps, List<String> notes,
         Instant createdAt) {
        this.id = id;
        this.personId = personId;
        this.orgId = orgId;
        this.assessmentId = assessmentId;
        this.roleName = roleName;
        this.status = PlanStatus.PROPOSED;
        this.startsOn = startsOn;
        this.endsOn = endsOn;
        this.weeklyBudgetHours = weeklyBudgetHours;
        this.mix = mix;
        this.steps = List.copyOf(steps);
        this.notes = List.copyOf(notes);
        this.createdAt = createdAt;
    }

    /** Queues the event that announces this plan; it is written in the same insert as the plan. */
    void announce(OutboxEvent event) {
        raise(event);
    }

    public String getId() {
        return id;
    }

    public String getPersonId() {
        return personId;
    }

    public String getOrgId() {
        return orgId;
    }

    public String getAssessmentId() {
        return assessmentId;
    }

    public String getRoleName() {
        return roleName;
    }

    public PlanStatus getStatus() {
        return status;
    }

    public LocalDate getStartsOn() {
        return startsOn;
    }

    public LocalDate getEndsOn() {
        return endsOn;
    }

    public double getWeeklyBudgetHours() {
        return weeklyBudgetHours;
    }

    public Mix getMix() {
        return mix;
    }

    public List<PlanStep> getSteps() {
        return steps;
    }

    public List<String> getNotes() {
        return notes;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
