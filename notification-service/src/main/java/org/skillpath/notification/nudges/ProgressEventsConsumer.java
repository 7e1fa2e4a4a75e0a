package org.skillpath.notification.nudges;

import org.skillpath.kit.asyncapi.ConsumesEvents;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.skillpath.kit.events.InboundEvent;
import org.skillpath.kit.events.PoisonEventException;
import org.skillpath.notification.escalation.OverdueSteps;
import org.skillpath.notification.recipients.RecipientRepository;
import org.skillpath.notification.team.TeamActivities;
import org.skillpath.notification.team.TeamActivity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.ObjectMapper;

/**
 * Consumes {@code skillpath.progress.v1}. Every type the topic defines is used:
 * <ul>
 *   <li>{@code step.completed}: ENCOURAGEMENT with the plan's progress (not for the last step: the plan-completed
 *   mail follows), cancels the step's pending escalation, news for the manager digest;</li>
 *   <li>{@code step.due-soon}: DUE_SOON, expiring at the end of the due date; a new due date cancels the
 *   escalation of an older one;</li>
 *   <li>{@code step.overdue}: OVERDUE, and schedules the escalation to the manager ({@link OverdueSteps});</li>
 *   <li>{@code plan.completed}: PLAN_COMPLETED with the reassessment date;</li>
 *   <li>{@code reassessment.due}: REASSESSMENT_DUE.</li>
 * </ul>
 * Each write is idempotent on its own (deterministic ids or conditional updates), so a redelivery repeats
 * them harmlessly.
 */
@ConsumesEvents(binding = "progressEvents-in-0", types = {"org.skillpath.step.completed", "org.skillpath.step.due-soon", "org.skillpath.step.overdue", "org.skillpath.plan.completed", "org.skillpath.reassessment.due"})
@Configuration(proxyBeanMethods = false)
class ProgressEventsConsumer {

    static final String STEP_COMPLETED = "org.skillpath.step.completed";
    static final String STEP_DUE_SOON = "org.skillpath.step.due-soon";
    static final String STEP_OVERDUE = "org.skillpath.step.overdue";
    static final String PLAN_COMPLETED = "org.skillpath.plan.completed";
    static final String REASSESSMENT_DUE = "org.skillpath.reassessment.due";

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StepCompleted(String planId, String stepId, String personId, String orgId, String title, Instant completedAt,
                         Integer planProgressPercent, Integer completedSteps, Integer totalSteps) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StepDueSoon(String planId, String stepId, String personId, String orgId, String title, LocalDate dueOn,
                       Instant detectedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StepOverdue(String planId, String stepId, String personId, String orgId, String title, LocalDate dueOn,
                       Instant detectedAt, Integer daysOverdue, String managerId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PlanCompleted(String planId, String personId, String orgId, Instant completedAt,
                         LocalDate reassessmentDueOn) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReassessmentDue(String planId, String personId, String orgId, String previousAssessmentId, LocalDate dueOn) {
    }

    @Bean
    Consumer<Message<byte[]>> progressEvents(ObjectMapper json, NudgeRecorder recorder, TeamActivities team,
                                             OverdueSteps overdue, RecipientRepository recipients) {
        return message -> {
            InboundEvent event = InboundEvent.from(message);
            // Nothing is kept about an erased person; their nudges are still recorded, to be suppressed (ERASED).
            boolean erased = event.key() != null && recipients.existsByPersonIdAndOrgIdAndErasedTrue(event.key(), event.orgId());
            switch (event.type()) {
                case STEP_COMPLETED -> {
                    StepCompleted s = event.data(json, StepCompleted.class);
                    Checks.required(event, "planId", s.planId(), "stepId", s.stepId(), "personId", s.personId(),
                            "orgId", s.orgId());
                    Checks.sameOrg(event, s.orgId());
                    Checks.sameOrgAsStored(event, recipients, s.personId());
                    if (s.planProgressPercent() == null || s.completedSteps() == null || s.totalSteps() == null) {
                        throw new PoisonEventException(event.type() + " " + event.id() + " lacks the plan's progress");
                    }
                    String title = s.title() == null || s.title().isBlank() ? null : s.title();
                    if (!erased) {
                        overdue.resolve(s.orgId(), s.planId(), s.stepId());
                        team.record(event, s.orgId(), s.personId(), TeamActivity.Type.STEP_COMPLETED, s.planId(),
                                s.stepId(), title, null, s.planProgressPercent(), s.completedAt());
                    }
                    if (s.completedSteps() < s.totalSteps()) {
                        recorder.record(event, s.orgId(), s.personId(), NudgeKind.ENCOURAGEMENT,
                                new EncouragementModel(s.planId(), s.stepId(), title, s.planProgressPercent(),
                                        s.completedSteps(), s.totalSteps()), List.of(), null);
                    }
                }
                case STEP_DUE_SOON -> {
                    StepDueSoon s = event.data(json, StepDueSoon.class);
                    Checks.required(event, "planId", s.planId(), "stepId", s.stepId(), "personId", s.personId(),
                            "orgId", s.orgId(), "title", s.title());
                    requireDate(event, "dueOn", s.dueOn());
                    Checks.sameOrg(event, s.orgId());
                    Checks.sameOrgAsStored(event, recipients, s.personId());
                    if (!erased) {
                        overdue.rescheduled(s.orgId(), s.planId(), s.stepId(), s.dueOn());
                    }
                    recorder.record(event, s.orgId(), s.personId(), NudgeKind.DUE_SOON,
                            new StepModel(s.planId(), s.stepId(), s.title(), s.dueOn(), null), List.of(),
                            s.dueOn().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
                }
                case STEP_OVERDUE -> {
                    StepOverdue s = event.data(json, StepOverdue.class);
                    Checks.required(event, "planId", s.planId(), "stepId", s.stepId(), "personId", s.personId(),
                            "orgId", s.orgId(), "title", s.title());
                    requireDate(event, "dueOn", s.dueOn());
                    Checks.sameOrg(event, s.orgId());
                    Checks.sameOrgAsStored(event, recipients, s.personId(), s.managerId());
                    int days = s.daysOverdue() == null || s.daysOverdue() < 1 ? 1 : s.daysOverdue();
                    if (!erased) {
                        team.record(event, s.orgId(), s.personId(), TeamActivity.Type.STEP_OVERDUE, s.planId(),
                                s.stepId(), s.title(), s.dueOn(), null, s.detectedAt());
                        overdue.track(s.orgId(), s.personId(), s.planId(), s.stepId(), s.title(), s.dueOn(),
                                s.managerId() == null || s.managerId().isBlank() ? null : s.managerId(), event.id());
                    }
                    recorder.record(event, s.orgId(), s.personId(), NudgeKind.OVERDUE,
                            new StepModel(s.planId(), s.stepId(), s.title(), s.dueOn(), days), List.of(), null);
                }
                case PLAN_COMPLETED -> {
                    PlanCompleted p = event.data(json, PlanCompleted.class);
                    Checks.required(event, "planId", p.planId(), "personId", p.personId(), "orgId", p.orgId());
                    requireDate(event, "reassessmentDueOn", p.reassessmentDueOn());
                    Checks.sameOrg(event, p.orgId());
                    Checks.sameOrgAsStored(event, recipients, p.personId());
                    if (!erased) {
                        overdue.resolvePlan(p.orgId(), p.planId());
                        team.record(event, p.orgId(), p.personId(), TeamActivity.Type.PLAN_COMPLETED, p.planId(), null,
                                null, p.reassessmentDueOn(), 100, p.completedAt());
                    }
                    recorder.record(event, p.orgId(), p.personId(), NudgeKind.PLAN_COMPLETED,
                            new PlanCompletedModel(p.planId(), p.reassessmentDueOn()), List.of(), null);
                }
                case REASSESSMENT_DUE -> {
                    ReassessmentDue r = event.data(json, ReassessmentDue.class);
                    Checks.required(event, "planId", r.planId(), "personId", r.personId(), "orgId", r.orgId(),
                            "previousAssessmentId", r.previousAssessmentId());
                    requireDate(event, "dueOn", r.dueOn());
                    Checks.sameOrg(event, r.orgId());
                    Checks.sameOrgAsStored(event, recipients, r.personId());
                    if (!erased) {
                        team.record(event, r.orgId(), r.personId(), TeamActivity.Type.REASSESSMENT_DUE, r.planId(), null,
                                null, r.dueOn(), null, event.time());
                    }
                    recorder.record(event, r.orgId(), r.personId(), NudgeKind.REASSESSMENT_DUE,
                            new ReassessmentDueModel(r.planId(), r.previousAssessmentId(), r.dueOn()), List.of(), null);
                }
                default -> throw new PoisonEventException("type " + event.type()
                        + " is not defined for skillpath.progress.v1");
            }
        };
    }

    private static void requireDate(InboundEvent event, String name, LocalDate value) {
        if (value == null) {
            throw new PoisonEventException(event.type() + " " + event.id() + " lacks " + name);
        }
    }
}
