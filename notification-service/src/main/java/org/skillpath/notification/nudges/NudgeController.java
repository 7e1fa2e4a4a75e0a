package org.skillpath.notification.nudges;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.skillpath.kit.security.Caller;
import org.skillpath.kit.security.Callers;
import org.skillpath.kit.security.CurrentCaller;
import org.skillpath.kit.web.ApiException;
import org.skillpath.kit.web.PageResponse;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The delivery log: which nudges a person got, or is about to get, and how delivery went. Each person sees
 * only their own. There is no organisation-wide view, and an L&D admin gets none of another person's log
 * either: a rater's log shows their RATER_INVITATION with its time and cause, which would tell who rated whom
 * (rater anonymity holds for admins too). Managers learn about their team from the mailed digest only.
 */
@RestController
@RequestMapping("/api/nudges")
class NudgeController {

    private final NudgeRepository nudges;

    NudgeController(NudgeRepository nudges) {
        this.nudges = nudges;
    }

    @GetMapping
    PageResponse<NudgeView> deliveryLog(@CurrentCaller Caller caller,
                                        @RequestParam(required = false) String personId,
                                        @RequestParam(defaultValue = "0") @Min(0) int page,
                                        @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        if (caller.client()) {
            throw Callers.forbidden("requires the token of the person whose delivery log this is");
        }
        if (personId == null || personId.isBlank()) {
            throw ApiException.badRequest("personId", "required: whose delivery log to show");
        }
        if (!caller.is(personId)) {
            throw ApiException.notFound("delivery log of person", personId);
        }
        Sort newestFirst = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("_id"));
        return PageResponse.of(nudges.findByOrgIdAndRecipientId(caller.orgId(), personId,
                PageRequest.of(page, size, newestFirst)).map(NudgeView::of));
    }
}
