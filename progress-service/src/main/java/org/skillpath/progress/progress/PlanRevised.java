package org.skillpath.progress.progress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.skillpath.kit.events.PoisonEventException;

/** What this service reads of {@code org.skillpath.plan.revised} (contracts/schemas/plan.revised.json). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlanRevised(String planId, String personId, String orgId, String assessmentId, Integer revision,
                          Instant revisedAt, String reason, List<String> removed, List<PlanCreated.Step> steps,
                          String status) {

    public PlanRevised requireComplete() {
        List<String> problems = new ArrayList<>();
        PlanCreated.blank(planId, "planId", problems);
        PlanCreated.blank(personId, "personId", problems);
        PlanCreated.blank(orgId, "orgId", problems);
        PlanCreated.missing(revisedAt, "revisedAt", problems);
        if (revision == null || revision < 1) {
            problems.add("revision: at least 1");
        }
        // An empty list is allowed by the contract: a revision may drop every open step.
        if (steps == null) {
            problems.add("steps");
        } else if (!steps.isEmpty()) {
            PlanCreated.checkSteps(steps, "steps", problems);
        }
        if (!problems.isEmpty()) {
            throw new PoisonEventException("plan.revised " + planId + " is incomplete: " + problems);
        }
        return this;
    }
}
