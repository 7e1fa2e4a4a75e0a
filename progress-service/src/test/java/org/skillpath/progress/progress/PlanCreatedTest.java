package org.skillpath.progress.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.skillpath.kit.events.PoisonEventException;

class PlanCreatedTest {

    private static final LocalDate START = LocalDate.of(2026, 1, 5);

    @Test
    void aCompletePlanPasses() {
        PlanCreated plan = plan(List.of(step("s1", 2.0), step("s2", 1.5)));
        assertThat(plan.requireComplete()).isSameAs(plan);
    }

    @Test
    void missingFieldsArePoisonAndNamed() {
        PlanCreated plan = new PlanCreated(null, "p", "org-1", "a", Instant.now(), START, null, "ACTIVE", null,
                List.of(step("s1", 2.0)));
        assertThatThrownBy(plan::requireComplete).isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("planId").hasMessageContaining("endsOn");
    }

    @Test
    void stepsMustExistHavePositiveEffortAndUniqueIds() {
        assertThatThrownBy(() -> plan(List.of()).requireComplete()).isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("steps");
        assertThatThrownBy(() -> plan(List.of(step("s1", 0.0))).requireComplete())
                .hasMessageContaining("steps[0].effortHours");
        assertThatThrownBy(() -> plan(List.of(step("s1", 1.0), step("s1", 2.0))).requireComplete())
                .hasMessageContaining("steps[1].stepId: duplicate s1");
    }

    private static PlanCreated plan(List<PlanCreated.Step> steps) {
        return new PlanCreated("plan-1", "person-1", "org-1", "assessment-1", Instant.parse("2026-01-04T09:00:00Z"),
                START, START.plusWeeks(12), "ACTIVE", null, steps);
    }

    private static PlanCreated.Step step(String id, double effort) {
        return new PlanCreated.Step(id, "act-" + id, "Title " + id, "WORKSHOP", "SOCIAL", "conflict-resolution",
                effort, START.plusWeeks(2), null);
    }
}
