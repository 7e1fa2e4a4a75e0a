package org.skillpath.progress.progress;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import org.skillpath.kit.outbox.OutboxDocument;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person's progress along one learning plan: the aggregate every completion, check-in, scan and revision
 * changes. Its id is the plan's id, so the plan.created event that causes it can only ever create one. The events
 * it emits wait in its own outbox and are written by the same single-document save as the state that caused
 * them; saves are guarded by the version, so two writers never both act on the same state.
 */
@Document("plan_progress")
@CompoundIndexes({
        @CompoundIndex(name = "org_person_created", def = "{'orgId': 1, 'personId': 1, 'createdAt': -1}"),
        @CompoundIndex(name = "org_person_activity", def = "{'orgId': 1, 'personId': 1, 'steps.xapiActivityId': 1}"),
        // The scans work across organisations, so these two lead with what they filter on instead of orgId.
        @CompoundIndex(name = "due_scan", def = "{'status': 1, 'nextScanOn': 1}"),
        @CompoundIndex(name = "reassessment_scan", def = "{'reassessmentPending': 1, 'reassessmentDueOn': 1}")
})
public class PlanProgress extends OutboxDocument {

    public static final String PROPOSED = "PROPOSED";
    public static final String ACTIVE = "ACTIVE";
    public static final String COMPLETED = "COMPLETED";
    public static final String ARCHIVED = "ARCHIVED";
    /** How many processed event keys a plan remembers; older redeliveries are stopped by consumer offsets. */
    static final int REMEMBERED = 500;

    @Id
    private String planId;
    private String orgId;
    private String personId;
    private String assessmentId;
    private LocalDate startsOn;
    private LocalDate endsOn;
    private Instant createdAt;
    private String status;
    private int revision;
    private List<PlanStep> steps;
    private List<String> mentorIds = new ArrayList<>();
    private List<Evidence> evidence = new ArrayList<>();
    /** Days with any activity, for streaks; one entry per day. */
    private List<LocalDate> activityDays = new ArrayList<>();
    private Instant lastActivityAt;
    private Instant completedAt;
    private LocalDate reassessmentDueOn;
    private boolean reassessmentPending;
    private Instant reassessmentRaisedAt;
    /** The first day the due-date scan has something to do for this plan; null when nothing is left. */
    private LocalDate nextScanOn;
    private List<String> processedEvents = new ArrayList<>();

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
        p.status = ACTIVE.equals(plan.status()) || ARCHIVED.equals(plan.status()) ? plan.status() : PROPOSED;
        p.steps = plan.steps().stream().map(PlanCreated.Step::toStep).toList();
        if (plan.mentorId() != null && !plan.mentorId().isBlank()) {
            p.mentorIds.add(plan.mentorId());
        }
        return p;
    }

    // ---- plan lifecycle (from plan-service's events) ----

    /** Records an event key; false when it was seen before, so the caller applies nothing twice. */
    boolean firstTime(String eventKey) {
        if (processedEvents.contains(eventKey)) {
            return false;
        }
        processedEvents.add(eventKey);
        if (processedEvents.size() > REMEMBERED) {
            processedEvents = new ArrayList<>(processedEvents.subList(processedEvents.size() - REMEMBERED,
                    processedEvents.size()));
        }
        return true;
    }

    /** A proposed plan was accepted: from now on its due dates are watched. */
    void activate() {
        if (PROPOSED.equals(status)) {
            status = ACTIVE;
        }
    }

    void assignMentor(String mentorId) {
        if (!mentorIds.contains(mentorId)) {
            mentorIds.add(mentorId);
        }
    }

    /**
     * Applies a revision's diff. Steps that stay keep the person's progress (under the new definition); new
     * steps start fresh; removed steps go, except completed ones: what was done stays done and keeps counting.
     * Older or repeated revisions change nothing.
     *
     * @return whether the revision was applied
     */
    boolean revise(PlanRevised revised) {
        if (revised.revision() <= revision) {
            return false;
        }
        Map<String, PlanStep> current = new LinkedHashMap<>();
        steps.forEach(s -> current.put(s.stepId(), s));
        List<PlanStep> next = new ArrayList<>();
        for (PlanCreated.Step def : revised.steps()) {
            PlanStep definition = def.toStep();
            PlanStep existing = current.remove(def.stepId());
            next.add(existing == null ? definition : existing.redefinedAs(definition));
        }
        current.values().stream().filter(s -> s.status() == StepStatus.COMPLETED).forEach(next::add);
        steps = List.copyOf(next);
        revision = revised.revision();
        if (ARCHIVED.equals(revised.status())) {
            status = ARCHIVED;
        } else if (ACTIVE.equals(revised.status())) {
            activate();
        }
        return true;
    }

    // ---- step progress ----

    PlanStep step(String stepId) {
        return steps.stream().filter(s -> s.stepId().equals(stepId)).findFirst()
                .orElseThrow(() -> new UnknownStepException(planId, stepId));
    }

    /** Changes nothing on an archived plan: it is history. */
    void requireOpenForProgress() {
        if (ARCHIVED.equals(status)) {
            throw new StepTransitionException("plan " + planId + " is archived");
        }
    }

    void start(String stepId, Instant now) {
        requireOpenForProgress();
        replace(stepId, s -> s.start(now));
        touch(now);
    }

    /**
     * Completes a step; the first completion raises step.completed (its id derives from plan and step, so
     * even a lost race could not publish two).
     */
    void complete(String stepId, Instant at, CompletionSource by, String reflection, Instant now, LocalDate today,
                  ProgressEvents events) {
        requireOpenForProgress();
        PlanStep before = step(stepId);
        PlanStep after = replace(stepId, s -> s.complete(at, by));
        touch(now);
        if (before.status() != StepStatus.COMPLETED && after.status() == StepStatus.COMPLETED) {
            raise(events.stepCompleted(this, after, reflection, Progress.of(steps, today), now));
        }
    }

    void skip(String stepId, String reason, Instant now) {
        requireOpenForProgress();
        replace(stepId, s -> s.skip(reason, now));
        touch(now);
    }

    void reportProgress(String stepId, int percent, Instant now) {
        requireOpenForProgress();
        replace(stepId, s -> s.progress(percent, now));
        touch(now);
    }

    void awaitConfirmation(String stepId, Instant now) {
        requireOpenForProgress();
        replace(stepId, s -> s.awaitConfirmation(now));
        touch(now);
    }

    void addEvidence(Evidence entry) {
        evidence.add(entry);
        touch(entry.recordedAt());
    }

    boolean hasSubstantiveEvidence(String stepId) {
        return evidence.stream().anyMatch(e -> e.stepId().equals(stepId) && e.substantive());
    }

    // ---- what follows any change ----

    /**
     * Closes the plan once every required step is done (raising plan.completed once and scheduling the
     * reassessment), and works out when the due-date scan next has something to do.
     */
    void settle(Instant now, LocalDate today, ProgressPolicy policy, ProgressEvents events) {
        if (!COMPLETED.equals(status) && !ARCHIVED.equals(status) && Progress.of(steps, today).allRequiredDone()) {
            status = COMPLETED;
            completedAt = now;
            reassessmentDueOn = today.plusDays(policy.reassessmentDelayDays());
            reassessmentPending = true;
            raise(events.planCompleted(this, now));
        }
        nextScanOn = nextScanDay(policy);
    }

    /**
     * The due-date signals, each once per step and due date: step.due-soon inside the window, step.overdue from
     * the day after the due date. A step first seen after its due date gets the overdue signal only.
     */
    int signalDueDates(LocalDate today, Instant now, ProgressPolicy policy, ProgressEvents events, String managerId) {
        if (!ACTIVE.equals(status)) {
            return 0;
        }
        int raised = 0;
        List<PlanStep> next = new ArrayList<>(steps.size());
        for (PlanStep s : steps) {
            PlanStep updated = s;
            if (s.status().open() && !s.dueOn().equals(s.overdueSignalledFor())) {
                if (s.dueOn().isBefore(today)) {
                    raise(events.stepOverdue(this, s, today, now, managerId));
                    updated = s.signalledOverdue();
                    raised++;
                } else if (!s.dueOn().equals(s.dueSoonSignalledFor())
                        && !today.isBefore(s.dueOn().minusDays(policy.dueSoonDays()))) {
                    raise(events.stepDueSoon(this, s, now));
                    updated = s.signalledDueSoon();
                    raised++;
                }
            }
            next.add(updated);
        }
        steps = List.copyOf(next);
        nextScanOn = nextScanDay(policy);
        return raised;
    }

    /** Emits reassessment.due once, when its day has come. */
    boolean raiseReassessmentDue(LocalDate today, Instant now, String roleProfileId, ProgressEvents events) {
        if (!reassessmentPending || reassessmentDueOn == null || reassessmentDueOn.isAfter(today)) {
            return false;
        }
        reassessmentPending = false;
        reassessmentRaisedAt = now;
        raise(events.reassessmentDue(this, roleProfileId, now));
        return true;
    }

    private LocalDate nextScanDay(ProgressPolicy policy) {
        LocalDate next = null;
        for (PlanStep s : steps) {
            if (!s.status().open() || s.dueOn().equals(s.overdueSignalledFor())) {
                continue;
            }
            LocalDate day = s.dueOn().equals(s.dueSoonSignalledFor()) ? s.dueOn().plusDays(1)
                    : s.dueOn().minusDays(policy.dueSoonDays());
            if (next == null || day.isBefore(next)) {
                next = day;
            }
        }
        return next;
    }

    private PlanStep replace(String stepId, UnaryOperator<PlanStep> change) {
        PlanStep before = step(stepId);
        PlanStep after = change.apply(before);
        if (after != before) {
            steps = steps.stream().map(s -> s.stepId().equals(stepId) ? after : s).toList();
        }
        return after;
    }

    private void touch(Instant at) {
        if (lastActivityAt == null || at.isAfter(lastActivityAt)) {
            lastActivityAt = at;
        }
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        if (!activityDays.contains(day)) {
            TreeSet<LocalDate> days = new TreeSet<>(activityDays);
            days.add(day);
            // A year and a bit is more than any streak a plan can show.
            while (days.size() > 400) {
                days.pollFirst();
            }
            activityDays = new ArrayList<>(days);
        }
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

    public String getStatus() {
        return status;
    }

    public int getRevision() {
        return revision;
    }

    public List<PlanStep> getSteps() {
        return steps;
    }

    public List<String> getMentorIds() {
        return List.copyOf(mentorIds);
    }

    public List<Evidence> getEvidence() {
        return List.copyOf(evidence);
    }

    public List<LocalDate> getActivityDays() {
        return List.copyOf(activityDays);
    }

    public Instant getLastActivityAt() {
        return lastActivityAt;
    }

    public Instant getCompletedAt() {
        return completedAt;
    }

    public LocalDate getReassessmentDueOn() {
        return reassessmentDueOn;
    }

    public Instant getReassessmentRaisedAt() {
        return reassessmentRaisedAt;
    }

    public LocalDate getNextScanOn() {
        return nextScanOn;
    }
}
