package org.skillpath.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.skillpath.kit.events.DeterministicIds;

class IdsTest {

    @Test
    void theBaselineDerivesTheSameIdsAsTheServices() {
        assertThat(Ids.of("plan", "a1")).isEqualTo(DeterministicIds.of("plan", "a1"));
        assertThat(Ids.of("/skillpath/plan-service#e1", "p1", "PLAN_READY"))
                .isEqualTo(DeterministicIds.of("/skillpath/plan-service#e1", "p1", "PLAN_READY"));
    }
}
