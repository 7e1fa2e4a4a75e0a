package org.skillpath.plan.plans;

import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.skillpath.kit.text.ConfusableText;
import org.skillpath.kit.web.CurrentOrg;
import org.skillpath.kit.web.PageResponse;
import org.skillpath.plan.planning.PlannedStep;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/plans")
class PlanController {

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id"));

    /** Who acts; for now stated by the caller, later taken from the token. */
    record ActorRequest(@NotNull Actor actor) {
    }

    record SwapBody(@NotBlank @Size(max = 200) String activityId, @NotNull Actor actor) {
    }

    record SwapResponse(String status, SwapRequest pending, PlanResponse plan) {
    }

    /** Why the plan is archived, kept with it and told in its {@code plan.revised}. */
    record ArchiveBody(@NotNull Actor actor, @NotBlank @Size(max = 500) String reason) {
    }

    private final PlanRepository plans;
    private final PlanLifecycle lifecycle;
    private final Validator validator;

    PlanController(PlanRepository plans, PlanLifecycle lifecycle, Validator validator) {
        this.plans = plans;
        this.lifecycle = lifecycle;
        this.validator = validator;
    }

    /** A plan of the caller's organisation; another organisation's plan is as absent as an unknown one. */
    @GetMapping("/{planId}")
    PlanResponse get(@CurrentOrg String orgId, @PathVariable @Size(max = 100) String planId) {
        return PlanResponse.of(lifecycle.get(orgId, planId));
    }

    /** The organisation's plans, or one person's, newest first. */
    @GetMapping
    PageResponse<PlanResponse> list(@CurrentOrg String orgId,
                                    @RequestParam(required = false) @Size(min = 1, max = 100) String personId,
                                    @RequestParam(defaultValue = "0") @Min(0) int page,
                                    @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        PageRequest request = PageRequest.of(page, size, NEWEST_FIRST);
        return PageResponse.of((personId == null ? plans.findByOrgId(orgId, request)
                : plans.findByOrgIdAndPersonId(orgId, personId, request)).map(PlanResponse::of));
    }

    /** The person or their manager accepts the proposal; accepting an active plan again is harmless. */
    @PostMapping("/{planId}/accept")
    PlanResponse accept(@CurrentOrg String orgId, @PathVariable @Size(max = 100) String planId,
                        @RequestBody ActorRequest body) {
        return PlanResponse.of(lifecycle.accept(orgId, planId, valid(body).actor()));
    }

    /** What the step could be swapped for, each dated and explained. */
    @GetMapping("/{planId}/steps/{stepId}/alternatives")
    List<PlannedStep> alternatives(@CurrentOrg String orgId, @PathVariable @Size(max = 100) String planId,
                                   @PathVariable @Size(max = 100) String stepId) {
        return lifecycle.alternatives(orgId, planId, stepId);
    }

    /** Swaps the step for an offered alternative: 200 when applied, 202 when it waits for the manager. */
    @PostMapping("/{planId}/steps/{stepId}/swap")
    ResponseEntity<SwapResponse> swap(@CurrentOrg String orgId, @PathVariable @Size(max = 100) String planId,
                                      @PathVariable @Size(max = 100) String stepId, @RequestBody SwapBody body) {
        PlanLifecycle.SwapOutcome outcome = lifecycle.swap(orgId, planId, stepId, valid(body).activityId(), body.actor());
        if (outcome.pending() != null) {
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .body(new SwapResponse("PENDING_APPROVAL", outcome.pending(), PlanResponse.of(outcome.plan())));
        }
        return ResponseEntity.ok(new SwapResponse("APPLIED", null, PlanResponse.of(outcome.plan())));
    }

    /** The manager applies a person's pending swap (403 for anyone else); approving it again changes nothing. */
    @PostMapping("/{planId}/swaps/{swapId}/approve")
    PlanResponse approve(@CurrentOrg String orgId, @PathVariable @Size(max = 100) String planId,
                         @PathVariable @Size(max = 100) String swapId, @RequestBody ActorRequest body) {
        return PlanResponse.of(lifecycle.approve(orgId, planId, swapId, valid(body).actor()));
    }

    /** Closes a proposed, active or completed plan for good; archiving it again changes nothing. */
    @PostMapping("/{planId}/archive")
    PlanResponse archive(@CurrentOrg String orgId, @PathVariable @Size(max = 100) String planId,
                         @RequestBody ArchiveBody body) {
        valid(body);
        return PlanResponse.of(lifecycle.archive(orgId, planId, body.actor(),
                ConfusableText.clean("reason", body.reason().strip())));
    }

    /**
     * Validates a body here rather than with {@code @Valid}: next to the constrained path variables, Spring reports a
     * body's violations under the parameter's name ("body"); as constraint violations they name the field.
     */
    private <T> T valid(T body) {
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return body;
    }
}
