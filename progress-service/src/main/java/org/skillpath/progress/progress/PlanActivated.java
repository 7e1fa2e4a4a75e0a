package org.skillpath.progress.progress;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.skillpath.kit.events.PoisonEventException;

/** What this service reads of {@code org.skillpath.plan.activated} (contracts/schemas/plan.activated.json). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlanActivated(String planId, String personId, String orgId, Instant activatedAt) {

    public PlanActivated requireComplete() {
        if (planId == null || planId.isBlank() || orgId == null || personId == null || activatedAt == null) {
            throw new PoisonEventException("plan.activated lacks planId, personId, orgId or activatedAt");
        }
        return this;
    }
}
