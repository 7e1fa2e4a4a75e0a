package org.skillpath.notification.nudges;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.skillpath.kit.web.ApiException;
import org.skillpath.kit.web.CurrentOrg;
import org.skillpath.kit.web.PageResponse;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The delivery log: which nudges a person got, or is about to get, and how delivery went. */
@RestController
@RequestMapping("/api/nudges")
class NudgeController {

    private final NudgeRepository nudges;

    NudgeController(NudgeRepository nudges) {
        this.nudges = nudges;
    }

    @GetMapping
    PageResponse<NudgeView> deliveryLog(@CurrentOrg String orgId,
                                        @RequestParam(required = false) String personId,
                                        @RequestParam(defaultValue = "0") @Min(0) int page,
                                        @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        if (personId == null || personId.isBlank()) {
            throw ApiException.badRequest("personId", "required: whose delivery log to show");
        }
        Sort newestFirst = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("_id"));
        return PageResponse.of(nudges.findByOrgIdAndRecipientId(orgId, personId, PageRequest.of(page, size, newestFirst))
                .map(NudgeView::of));
    }
}
