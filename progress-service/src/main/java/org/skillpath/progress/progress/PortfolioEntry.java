package org.skillpath.progress.progress;

import java.time.Instant;
import java.time.LocalDate;

/** One piece of evidence in a person's portfolio, with the plan step it belongs to. */
public record PortfolioEntry(String evidenceId, String planId, String stepId, String stepTitle, String skillId,
                             Evidence.Kind kind, String text, String url, LocalDate occurredOn,
                             Integer durationMinutes, Instant recordedAt, String recordedBy) {

    static PortfolioEntry of(PlanProgress plan, Evidence e) {
        String title = plan.getSteps().stream().filter(s -> s.stepId().equals(e.stepId())).map(PlanStep::title)
                .findFirst().orElse(null);
        return new PortfolioEntry(e.evidenceId(), plan.getPlanId(), e.stepId(), title, e.skillId(), e.kind(), e.text(),
                e.url(), e.occurredOn(), e.durationMinutes(), e.recordedAt(), e.recordedBy());
    }
}
