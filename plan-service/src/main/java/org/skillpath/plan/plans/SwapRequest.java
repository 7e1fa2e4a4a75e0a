package org.skillpath.plan.plans;

import java.time.Instant;

/** A person's request to swap a step, waiting for the manager's approval. */
public record SwapRequest(String swapId, String stepId, String activityId, Instant requestedAt) {
}
