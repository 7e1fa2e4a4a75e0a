package org.skillpath.plan.plans;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.skillpath.kit.web.ApiException;
import org.skillpath.kit.web.CurrentOrg;
import org.skillpath.kit.web.PageResponse;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/plans")
class PlanController {

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id"));

    private final PlanRepository plans;

    PlanController(PlanRepository plans) {
        this.plans = plans;
    }

    /** A plan of the caller's organisation; another organisation's plan is as absent as an unknown one. */
    @GetMapping("/{planId}")
    PlanResponse get(@CurrentOrg String orgId, @PathVariable @Size(max = 100) String planId) {
        return plans.findById(planId).filter(p -> p.getOrgId().equals(orgId)).map(PlanResponse::of)
                .orElseThrow(() -> ApiException.notFound("plan", planId));
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
}
