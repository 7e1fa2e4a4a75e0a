package org.skillpath.progress.progress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

/**
 * What an L&D platform's learning record does to a person's plans: it addresses the steps whose xAPI activity
 * IRI it names, in every plan of the person that is not archived. Each effect is recorded in the plan under the
 * statement id, so a statement processed again (a retry after a crash) has no second effect.
 */
@Service
public class LearningRecords {

    public enum Verb {
        /** completed, passed, attended */
        COMPLETE,
        /** progressed, with or without the cmi5 progress extension */
        PROGRESS,
        /** failed: recorded, never a completion */
        FAIL
    }

    public enum Effect {
        COMPLETED,
        ALREADY_COMPLETED,
        PROGRESS_RECORDED,
        FAILURE_RECORDED,
        /** The step was skipped or the statement seen before: nothing changed. */
        NO_CHANGE
    }

    public record Match(String planId, String stepId, Effect effect) {
    }

    private final PlanProgressService plans;

    LearningRecords(PlanProgressService plans) {
        this.plans = plans;
    }

    /** @return the steps the activity matched and what happened to each; empty when it matched none */
    public List<Match> apply(String orgId, String personId, String activityId, String statementId, Verb verb,
                             Integer progress, Instant at) {
        List<Match> matches = new ArrayList<>();
        for (PlanProgress plan : plans.plansOf(orgId, personId)) {
            if (PlanProgress.ARCHIVED.equals(plan.getStatus())) {
                continue;
            }
            for (PlanStep step : plan.getSteps()) {
                if (!activityId.equals(step.xapiActivityId())) {
                    continue;
                }
                plans.update(orgId, plan.getPlanId(), c -> effect(c, step.stepId(), statementId, verb, progress, at))
                        .ifPresent(effect -> matches.add(new Match(plan.getPlanId(), step.stepId(), effect)));
            }
        }
        return matches;
    }

    private static Effect effect(PlanProgressService.Change c, String stepId, String statementId, Verb verb,
                                 Integer progress, Instant at) {
        PlanProgress plan = c.plan();
        PlanStep step = plan.step(stepId);
        if (!plan.firstTime("xapi:" + statementId + ":" + stepId)) {
            return Effect.NO_CHANGE;
        }
        Instant now = c.context().now();
        // A statement's own time, unless it claims the future.
        Instant when = at == null || at.isAfter(now) ? now : at;
        switch (verb) {
            case COMPLETE -> {
                if (step.status() == StepStatus.COMPLETED) {
                    return Effect.ALREADY_COMPLETED;
                }
                plan.complete(stepId, when, CompletionSource.XAPI, null, now, c.context().today(), c.context().events());
                return Effect.COMPLETED;
            }
            case PROGRESS -> {
                if (!step.status().open()) {
                    return Effect.NO_CHANGE;
                }
                if (progress == null) {
                    plan.start(stepId, when);
                } else {
                    plan.reportProgress(stepId, progress, when);
                }
                return Effect.PROGRESS_RECORDED;
            }
            default -> {
                if (step.status() == StepStatus.NOT_STARTED) {
                    plan.start(stepId, when);
                }
                return Effect.FAILURE_RECORDED;
            }
        }
    }
}
