package org.skillpath.progress.progress;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.skillpath.kit.security.Caller;
import org.skillpath.kit.security.Callers;
import org.skillpath.kit.text.ConfusableText;
import org.skillpath.kit.web.ApiException;
import org.skillpath.progress.access.Access;
import org.skillpath.progress.access.Access.Relation;
import org.springframework.stereotype.Service;

/**
 * What people do to their steps over the API: the person starts, checks in (with a reflection for their
 * portfolio) and skips; the manager confirms on-the-job practice and may skip; the mentor logs sessions.
 * Each action checks the relationship on the freshly loaded plan and changes it in one guarded save: a plan the
 * caller has no relation to is as absent as a missing one (404); a plan they see with an action that is not
 * theirs is refused (403), e.g. a skip-level manager's or an L&amp;D admin's, who only read.
 */
@Service
class StepActions {

    private final PlanProgressService plans;
    private final Access access;

    StepActions(PlanProgressService plans, Access access) {
        this.plans = plans;
        this.access = access;
    }

    record CheckIn(String reflection, String evidenceUrl, boolean complete) {
    }

    record Session(LocalDate heldOn, Integer durationMinutes, String notes, boolean completesStep) {
    }

    PlanProgress start(Caller actor, String planId, String stepId) {
        return change(actor, planId, c -> {
            requireOwner(c.plan(), actor);
            c.plan().start(stepId, c.context().now());
            return c.plan();
        });
    }

    /**
     * The person's check-in. A reflection or link becomes portfolio evidence. Asking to complete completes the
     * step, except on-the-job practice, which the policy may want confirmed by the manager first (or, if it
     * allows, backed by evidence): then the step waits for that confirmation.
     */
    PlanProgress checkIn(Caller actor, String planId, String stepId, CheckIn checkIn) {
        String reflection = blankToNull(ConfusableText.clean("reflection", checkIn.reflection()));
        String url = checkIn.evidenceUrl() == null ? null : httpUrl("evidenceUrl", checkIn.evidenceUrl());
        return change(actor, planId, c -> {
            PlanProgress plan = c.plan();
            requireOwner(plan, actor);
            plan.requireOpenForProgress();
            PlanStep step = plan.step(stepId);
            Instant now = c.context().now();
            if (reflection != null || url != null) {
                plan.addEvidence(new Evidence(UUID.randomUUID().toString(), stepId, step.skillId(),
                        Evidence.Kind.REFLECTION, reflection, url, null, null, now, actor.subject()));
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
    PlanProgress confirm(Caller actor, String planId, String stepId, String note) {
        String cleanNote = blankToNull(ConfusableText.clean("note", note));
        return change(actor, planId, c -> {
            PlanProgress plan = c.plan();
            if (!visible(plan, actor).contains(Relation.MANAGER)) {
                throw Callers.forbidden("only the person's manager confirms practice steps");
            }
            PlanStep step = plan.step(stepId);
            if (!step.practice()) {
                throw ApiException.unprocessable("stepId", "only on-the-job practice steps are confirmed by the manager");
            }
            Instant now = c.context().now();
            if (step.status() != StepStatus.COMPLETED) {
                plan.addEvidence(new Evidence(UUID.randomUUID().toString(), stepId, step.skillId(),
                        Evidence.Kind.MANAGER_CONFIRMATION, cleanNote, null, null, null, now, actor.subject()));
            }
            plan.complete(stepId, now, CompletionSource.MANAGER, null, now, c.context().today(), c.context().events());
            return plan;
        });
    }

    /** The plan's mentor logs a mentoring session; it may also mark the mentoring step done. */
    PlanProgress logSession(Caller actor, String planId, String stepId, Session session) {
        String notes = blankToNull(ConfusableText.clean("notes", session.notes()));
        return change(actor, planId, c -> {
            PlanProgress plan = c.plan();
            if (!visible(plan, actor).contains(Relation.MENTOR)) {
                throw Callers.forbidden("only the plan's mentor logs mentoring sessions");
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
                    actor.subject()));
            if (session.completesStep()) {
                plan.complete(stepId, now, CompletionSource.MENTOR, null, now, c.context().today(), c.context().events());
            } else if (step.status() != StepStatus.COMPLETED) {
                plan.start(stepId, now);
            }
            return plan;
        });
    }

    /** Skipped with a reason, by the person or their manager: the step no longer holds the plan open. */
    PlanProgress skip(Caller actor, String planId, String stepId, String reason) {
        String cleanReason = ConfusableText.clean("reason", reason);
        return change(actor, planId, c -> {
            PlanProgress plan = c.plan();
            Set<Relation> relations = visible(plan, actor);
            if (!relations.contains(Relation.SELF) && !relations.contains(Relation.MANAGER)) {
                throw Callers.forbidden("only the person or their manager skips a step");
            }
            plan.skip(stepId, cleanReason, c.context().now());
            return plan;
        });
    }

    private PlanProgress change(Caller actor, String planId, Function<PlanProgressService.Change, PlanProgress> change) {
        try {
            return plans.update(actor.orgId(), planId, change).orElseThrow(() -> ApiException.notFound("plan", planId));
        } catch (UnknownStepException e) {
            throw new ApiException(org.springframework.http.HttpStatus.NOT_FOUND, "Not found", e.getMessage(),
                    java.util.List.of());
        } catch (StepTransitionException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    /** The caller's relations to the plan; a plan they have none to does not exist for them. */
    private Set<Relation> visible(PlanProgress plan, Caller actor) {
        Set<Relation> relations = access.relations(actor, plan);
        if (relations.isEmpty()) {
            throw ApiException.notFound("plan", plan.getPlanId());
        }
        return relations;
    }

    private void requireOwner(PlanProgress plan, Caller actor) {
        if (!visible(plan, actor).contains(Relation.SELF)) {
            throw Callers.forbidden("only the plan's owner does this");
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
