package org.skillpath.progress.progress;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Function;

import org.skillpath.kit.text.ConfusableText;
import org.skillpath.kit.web.ApiException;
import org.skillpath.progress.access.ActingPeople;
import org.skillpath.progress.people.PersonView;
import org.springframework.stereotype.Service;

/**
 * What people do to their steps over the API: the person starts, checks in (with a reflection for their
 * portfolio) and skips; the manager confirms on-the-job practice and may skip; the mentor logs sessions.
 * Each action checks the relationship on the freshly loaded plan and changes it in one guarded save.
 */
@Service
class StepActions {

    private final PlanProgressService plans;
    private final ActingPeople people;

    StepActions(PlanProgressService plans, ActingPeople people) {
        this.plans = plans;
        this.people = people;
    }

    record CheckIn(String reflection, String evidenceUrl, boolean complete) {
    }

    record Session(LocalDate heldOn, Integer durationMinutes, String notes, boolean completesStep) {
    }

    PlanProgress start(String orgId, String planId, String stepId, PersonView actor) {
        return change(orgId, planId, c -> {
            requireSelf(c.plan(), actor);
            c.plan().start(stepId, c.context().now());
            return c.plan();
        });
    }

    /**
     * The person's check-in. A reflection or link becomes portfolio evidence. Asking to complete completes the
     * step, except on-the-job practice, which the policy may want confirmed by the manager first (or, if it
     * allows, backed by evidence): then the step waits for that confirmation.
     */
    PlanProgress checkIn(String orgId, String planId, String stepId, PersonView actor, CheckIn checkIn) {
        String reflection = blankToNull(ConfusableText.clean("reflection", checkIn.reflection()));
        String url = checkIn.evidenceUrl() == null ? null : httpUrl("evidenceUrl", checkIn.evidenceUrl());
        return change(orgId, planId, c -> {
            PlanProgress plan = c.plan();
            requireSelf(plan, actor);
            plan.requireOpenForProgress();
            PlanStep step = plan.step(stepId);
            Instant now = c.context().now();
            if (reflection != null || url != null) {
                plan.addEvidence(new Evidence(UUID.randomUUID().toString(), stepId, step.skillId(),
                        Evidence.Kind.REFLECTION, reflection, url, null, null, now, actor.personId()));
            }
            if (!checkIn.complete()) {
                if (step.status() != StepStatus.COMPLETED) {
                    plan.start(stepId, now);
                }
                return plan;
            }
            boolean evidenceSuffices = c.context().policy().practiceCompletion()
                    == ProgressPolicy.PracticeCompletion.CONFIRMATION_OR_EVIDENCE && plan.hasSubstantiveEvidence(stepId);
            if (step.practice() && !evidenceSuffices) {
                plan.awaitConfirmation(stepId, now);
            } else {
                plan.complete(stepId, now, CompletionSource.PERSON, reflection, now, c.context().today(),
                        c.context().events());
            }
            return plan;
        });
    }

    /** The manager confirms on-the-job practice: the one completion a practice step always accepts. */
    PlanProgress confirm(String orgId, String planId, String stepId, PersonView actor, String note) {
        String cleanNote = blankToNull(ConfusableText.clean("note", note));
        return change(orgId, planId, c -> {
            PlanProgress plan = c.plan();
            if (!people.isManagerOf(orgId, actor, plan.getPersonId())) {
                throw ActingPeople.forbidden(ActingPeople.HEADER, "only the person's manager confirms practice steps");
            }
            PlanStep step = plan.step(stepId);
            if (!step.practice()) {
                throw ApiException.unprocessable("stepId", "only on-the-job practice steps are confirmed by the manager");
            }
            Instant now = c.context().now();
            if (step.status() != StepStatus.COMPLETED) {
                plan.addEvidence(new Evidence(UUID.randomUUID().toString(), stepId, step.skillId(),
                        Evidence.Kind.MANAGER_CONFIRMATION, cleanNote, null, null, null, now, actor.personId()));
            }
            plan.complete(stepId, now, CompletionSource.MANAGER, null, now, c.context().today(), c.context().events());
            return plan;
        });
    }

    /** The plan's mentor logs a mentoring session; it may also mark the mentoring step done. */
    PlanProgress logSession(String orgId, String planId, String stepId, PersonView actor, Session session) {
        String notes = blankToNull(ConfusableText.clean("notes", session.notes()));
        return change(orgId, planId, c -> {
            PlanProgress plan = c.plan();
            if (!plan.getMentorIds().contains(actor.personId())) {
                throw ActingPeople.forbidden(ActingPeople.HEADER, "only the plan's mentor logs mentoring sessions");
            }
            plan.requireOpenForProgress();
            PlanStep step = plan.step(stepId);
            if (!PlanStep.MENTORING.equals(step.format())) {
                throw ApiException.unprocessable("stepId", "sessions are logged on mentoring steps");
            }
            if (session.heldOn().isAfter(c.context().today())) {
                throw ApiException.unprocessable("heldOn", "a session is logged after it was held");
            }
            Instant now = c.context().now();
            plan.addEvidence(new Evidence(UUID.randomUUID().toString(), stepId, step.skillId(),
                    Evidence.Kind.MENTORING_SESSION, notes, null, session.heldOn(), session.durationMinutes(), now,
                    actor.personId()));
            if (session.completesStep()) {
                plan.complete(stepId, now, CompletionSource.MENTOR, null, now, c.context().today(), c.context().events());
            } else if (step.status() != StepStatus.COMPLETED) {
                plan.start(stepId, now);
            }
            return plan;
        });
    }

    /** Skipped with a reason, by the person or their manager: the step no longer holds the plan open. */
    PlanProgress skip(String orgId, String planId, String stepId, PersonView actor, String reason) {
        String cleanReason = ConfusableText.clean("reason", reason);
        return change(orgId, planId, c -> {
            PlanProgress plan = c.plan();
            if (!plan.getPersonId().equals(actor.personId()) && !people.isManagerOf(orgId, actor, plan.getPersonId())) {
                throw ActingPeople.forbidden(ActingPeople.HEADER, "only the person or their manager skips a step");
            }
            plan.skip(stepId, cleanReason, c.context().now());
            return plan;
        });
    }

    private PlanProgress change(String orgId, String planId, Function<PlanProgressService.Change, PlanProgress> change) {
        try {
            return plans.update(orgId, planId, change).orElseThrow(() -> ApiException.notFound("plan", planId));
        } catch (UnknownStepException e) {
            throw new ApiException(org.springframework.http.HttpStatus.NOT_FOUND, "Not found", e.getMessage(),
                    java.util.List.of());
        } catch (StepTransitionException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    private static void requireSelf(PlanProgress plan, PersonView actor) {
        if (!plan.getPersonId().equals(actor.personId())) {
            throw ActingPeople.forbidden(ActingPeople.HEADER, "only the plan's owner does this");
        }
    }

    private static String httpUrl(String field, String value) {
        try {
            URI uri = new URI(value.trim());
            if (uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme())
                    || "http".equalsIgnoreCase(uri.getScheme()))) {
                throw ApiException.badRequest(field, "an absolute http(s) URL");
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw ApiException.badRequest(field, "an absolute http(s) URL");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
