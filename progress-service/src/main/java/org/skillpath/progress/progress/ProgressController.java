package org.skillpath.progress.progress;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
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
@RequestMapping("/api/progress")
class ProgressController {

    /** Newest plan first; the id breaks ties so pages never overlap. */
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("planId"));

    private final PlanProgressRepository plans;
    private final Clock clock;

    ProgressController(PlanProgressRepository plans, Clock clock) {
        this.plans = plans;
        this.clock = clock;
    }

    @GetMapping("/plans/{planId}")
    PlanProgressView plan(@CurrentOrg String orgId, @PathVariable String planId) {
        return plans.findByPlanIdAndOrgId(planId, orgId)
                .map(p -> PlanProgressView.of(p, today()))
                .orElseThrow(() -> ApiException.notFound("plan", planId));
    }

    @GetMapping
    PageResponse<PlanProgressView> plansOfPerson(@CurrentOrg String orgId,
                                                 @RequestParam @NotBlank String personId,
                                                 @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                                 @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        LocalDate today = today();
        return PageResponse.of(plans.findByOrgIdAndPersonId(orgId, personId, PageRequest.of(page, size, NEWEST_FIRST))
                .map(p -> PlanProgressView.of(p, today)));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
