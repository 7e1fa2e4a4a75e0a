package org.skillpath.plan.plans;

import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.skillpath.kit.security.Caller;
import org.skillpath.kit.security.CurrentCaller;
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

    /** The actor is the caller's relation to the plan (from the token), never stated in the body. */
    record SwapBody(@NotBlank @Size(max = 200) String activityId) {
    }

    record SwapResponse(String status, SwapRequest pending, PlanResponse plan) {
    }

    /** Why the plan is archived, kept with it and told in its {@code plan.revised}. */
    record ArchiveBody(@NotBlank @Size(max = 500) String reason) {
    }

    private final PlanRepository plans;
    private final PlanLifecycle lifecycle;
    private final PlanAccess access;
    private final Validator validator;

    PlanController(PlanRepository plans, PlanLifecycle lifecycle, PlanAccess access, Validator validator) {
        this.plans = plans;
        this.lifecycle = lifecycle;
        this.access = access;
        this.validator = validator;
    }

    /** A plan the caller may see; another organisation's, or one not theirs to see, is as absent as an unknown one. */
    @GetMapping("/{planId}")
    PlanResponse get(@CurrentCaller Caller caller, @PathVariable @Size(max = 100) String planId) {
        return PlanResponse.of(access.readable(caller, planId));
    }

    /** One person's plans (theirs, a report's), or the organisation's for L&D admins; newest first. */
    @GetMapping
    PageResponse<PlanResponse> list(@CurrentCaller Caller caller, @CurrentOrg String orgId,
                                    @RequestParam(required = false) @Size(min = 1, max = 100) String personId,
                                    @RequestParam(defaultValue = "0") @Min(0) int page,
                                    @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        access.requireList(caller, personId);
        PageRequest request = PageRequest.of(page, size, NEWEST_FIRST);
        return PageResponse.of((personId == null ? plans.findByOrgId(orgId, request)
                : plans.findByOrgIdAndPersonId(orgId, personId, request)).map(PlanResponse::of));
    }

    /** The owner or their manager accepts the proposal; accepting an active plan again is harmless. */
    @PostMapping("/{planId}/accept")
    PlanResponse accept(@CurrentCaller Caller caller, @CurrentOrg String orgId,
                        @PathVariable @Size(max = 100) String planId) {
        return PlanResponse.of(lifecycle.accept(orgId, planId, access.actor(caller, planId, "accept")));
    }

    /** What the step could be swapped for, each dated and explained; for whoever may see the plan. */
    @GetMapping("/{planId}/steps/{stepId}/alternatives")
    List<PlannedStep> alternatives(@CurrentCaller Caller caller, @CurrentOrg String orgId,
                                   @PathVariable @Size(max = 100) String planId,
                                   @PathVariable @Size(max = 100) String stepId) {
        access.readable(caller, planId);
        return lifecycle.alternatives(orgId, planId, stepId);
    }

    /**
     * The owner or their manager swaps the step for an offered alternative: 200 when applied, 202 when it waits for
     * the manager.
     */
    @PostMapping("/{planId}/steps/{stepId}/swap")
    ResponseEntity<SwapResponse> swap(@CurrentCaller Caller caller, @CurrentOrg String orgId,
                                      @PathVariable @Size(max = 100) String planId,
                                      @PathVariable @Size(max = 100) String stepId, @RequestBody SwapBody body) {
        Actor actor = access.actor(caller, planId, "swap a step of");
        PlanLifecycle.SwapOutcome outcome = lifecycle.swap(orgId, planId, stepId, valid(body).activityId(), actor);
        if (outcome.pending() != null) {
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .body(new SwapResponse("PENDING_APPROVAL", outcome.pending(), PlanResponse.of(outcome.plan())));
        }
        return ResponseEntity.ok(new SwapResponse("APPLIED", null, PlanResponse.of(outcome.plan())));
    }

    /**
     * The owner's manager applies a pending swap (403 for anyone else who sees the plan); approving it again changes
     * nothing.
     */
    @PostMapping("/{planId}/swaps/{swapId}/approve")
    PlanResponse approve(@CurrentCaller Caller caller, @CurrentOrg String orgId,
                         @PathVariable @Size(max = 100) String planId, @PathVariable @Size(max = 100) String swapId) {
        access.requireManager(caller, planId);
        return PlanResponse.of(lifecycle.approve(orgId, planId, swapId));
    }

    /**
     * The owner or their manager closes a proposed, active or completed plan for good; archiving it again changes
     * nothing.
     */
    @PostMapping("/{planId}/archive")
    PlanResponse archive(@CurrentCaller Caller caller, @CurrentOrg String orgId,
                         @PathVariable @Size(max = 100) String planId, @RequestBody ArchiveBody body) {
        Actor actor = access.actor(caller, planId, "archive");
        valid(body);
        return PlanResponse.of(lifecycle.archive(orgId, planId, actor,
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
