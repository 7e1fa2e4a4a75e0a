package org.skillpath.plan.plans;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.skillpath.kit.outbox.OutboxDocument;
import org.skillpath.kit.outbox.OutboxEvent;
import org.skillpath.plan.planning.Mix;
import org.skillpath.plan.planning.SkillGap;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person's learning plan; its id derives from the assessment that caused it, so there is one at most per
 * assessment. It is inserted once; every later change is one conditional update that also queues its events
 * (never a whole-document save), so concurrent changes and redeliveries cannot overwrite each other.
 */
@Document("plans")
@CompoundIndexes({
        @CompoundIndex(name = "org_person_created", def = "{'orgId': 1, 'personId': 1, 'createdAt': -1}"),
        @CompoundIndex(name = "status_created", def = "{'status': 1, 'createdAt': 1}"),
        // A mentor's view of their mentees' plans.
        @CompoundIndex(name = "org_mentor_status", def = "{'orgId': 1, 'steps.mentorId': 1, 'status': 1}")
})
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
    private List<SkillGap> gaps;
    private Instant createdAt;
    private int revision;
    /** The reassessments that revised this plan: a redelivered one matches no update. */
    private List<String> revisedFor = List.of();
    private List<String> completedStepIds = List.of();
    private List<SwapRequest> pendingSwaps = List.of();
    /** The swap requests the manager approved: approving one again finds it here and changes nothing. */
    private List<String> approvedSwapIds = List.of();
    private Instant activatedAt;
    private String activatedBy;
    private Instant completedAt;
    private Instant archivedAt;
    private String archivedBy;
    private String archiveReason;

    protected Plan() {
    }

    Plan(String id, String personId, String orgId, String assessmentId, String roleName, LocalDate startsOn,
         LocalDate endsOn, double weeklyBudgetHours, Mix mix, List<PlanStep> steps, List<String> notes,
         List<SkillGap> gaps, Instant createdAt) {
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
        this.gaps = List.copyOf(gaps);
        this.createdAt = createdAt;
    }

    /** Queues an event; it is written in the same insert as the plan. */
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

    public List<SkillGap> getGaps() {
        return gaps == null ? List.of() : gaps;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public int getRevision() {
        return revision;
    }

    public List<String> getRevisedFor() {
        return revisedFor == null ? List.of() : revisedFor;
    }

    public List<String> getCompletedStepIds() {
        return completedStepIds == null ? List.of() : completedStepIds;
    }

    public List<SwapRequest> getPendingSwaps() {
        return pendingSwaps == null ? List.of() : pendingSwaps;
    }

    public Instant getActivatedAt() {
        return activatedAt;
    }

    public String getActivatedBy() {
        return activatedBy;
    }

    public Instant getCompletedAt() {
        return completedAt;
    }

    public List<String> getApprovedSwapIds() {
        return approvedSwapIds == null ? List.of() : approvedSwapIds;
    }

    public Instant getArchivedAt() {
        return archivedAt;
    }

    public String getArchivedBy() {
        return archivedBy;
    }

    public String getArchiveReason() {
        return archiveReason;
    }

    /** The mentors the plan's steps name, in step order. */
    public List<String> mentorIds() {
        return steps.stream().map(PlanStep::mentorId).filter(java.util.Objects::nonNull).distinct().toList();
    }
}
