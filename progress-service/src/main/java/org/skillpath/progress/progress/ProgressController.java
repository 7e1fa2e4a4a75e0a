package org.skillpath.progress.progress;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.skillpath.kit.web.ApiException;
import org.skillpath.kit.web.CurrentOrg;
import org.skillpath.kit.web.IdempotentRequests;
import org.skillpath.kit.web.PageResponse;
import org.skillpath.progress.access.ActingPeople;
import org.skillpath.progress.people.PersonView;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Progress along plans: reading it (tenant-scoped, as the walking skeleton did), and the step actions of the
 * person, their manager and their mentor, which name the acting person in {@code X-Person-Id} until tokens do.
 */
@RestController
@RequestMapping("/api/progress")
class ProgressController {

    /** Newest plan first; the id breaks ties so pages never overlap. */
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("planId"));

    private final PlanProgressRepository plans;
    private final StepActions actions;
    private final ActingPeople people;
    private final IdempotentRequests idempotent;
    private final Clock clock;

    ProgressController(PlanProgressRepository plans, StepActions actions, ActingPeople people,
                       IdempotentRequests idempotent, Clock clock) {
        this.plans = plans;
        this.actions = actions;
        this.people = people;
        this.idempotent = idempotent;
        this.clock = clock;
    }

    record CheckInRequest(@Size(max = 4000) String reflection, @Size(max = 2000) String evidenceUrl,
                          Boolean complete) {
    }

    record ConfirmRequest(@Size(max = 2000) String note) {
    }

    record SessionRequest(@NotNull LocalDate heldOn, @Min(1) @Max(600) Integer durationMinutes,
                          @Size(max = 4000) String notes, Boolean completesStep) {
    }

    record SkipRequest(@NotBlank @Size(max = 1000) String reason) {
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

    @PostMapping("/plans/{planId}/steps/{stepId}/start")
    PlanProgressView start(@CurrentOrg String orgId, @PathVariable String planId, @PathVariable String stepId,
                           @RequestHeader(name = ActingPeople.HEADER, required = false) String actor) {
        PersonView person = people.require(orgId, actor);
        return PlanProgressView.of(actions.start(orgId, planId, stepId, person), today());
    }

    @PostMapping("/plans/{planId}/steps/{stepId}/check-ins")
    ResponseEntity<?> checkIn(@CurrentOrg String orgId, @PathVariable String planId, @PathVariable String stepId,
                              @RequestHeader(name = ActingPeople.HEADER, required = false) String actor,
                              @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
                              @Valid @RequestBody CheckInRequest request) {
        PersonView person = people.require(orgId, actor);
        return idempotent.run(orgId, "POST check-in " + planId + "/" + stepId, idempotencyKey, request, () ->
                ResponseEntity.ok(PlanProgressView.of(actions.checkIn(orgId, planId, stepId, person,
                        new StepActions.CheckIn(request.reflection(), request.evidenceUrl(),
                                Boolean.TRUE.equals(request.complete()))), today())));
    }

    @PostMapping("/plans/{planId}/steps/{stepId}/confirmation")
    PlanProgressView confirm(@CurrentOrg String orgId, @PathVariable String planId, @PathVariable String stepId,
                             @RequestHeader(name = ActingPeople.HEADER, required = false) String actor,
                             @Valid @RequestBody(required = false) ConfirmRequest request) {
        PersonView person = people.require(orgId, actor);
        return PlanProgressView.of(actions.confirm(orgId, planId, stepId, person,
                request == null ? null : request.note()), today());
    }

    @PostMapping("/plans/{planId}/steps/{stepId}/mentoring-sessions")
    ResponseEntity<?> logSession(@CurrentOrg String orgId, @PathVariable String planId, @PathVariable String stepId,
                                 @RequestHeader(name = ActingPeople.HEADER, required = false) String actor,
                                 @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
                                 @Valid @RequestBody SessionRequest request) {
        PersonView person = people.require(orgId, actor);
        return idempotent.run(orgId, "POST session " + planId + "/" + stepId, idempotencyKey, request, () ->
                ResponseEntity.ok(PlanProgressView.of(actions.logSession(orgId, planId, stepId, person,
                        new StepActions.Session(request.heldOn(), request.durationMinutes(), request.notes(),
                                Boolean.TRUE.equals(request.completesStep()))), today())));
    }

    @PostMapping("/plans/{planId}/steps/{stepId}/skip")
    PlanProgressView skip(@CurrentOrg String orgId, @PathVariable String planId, @PathVariable String stepId,
                          @RequestHeader(name = ActingPeople.HEADER, required = false) String actor,
                          @Valid @RequestBody SkipRequest request) {
        PersonView person = people.require(orgId, actor);
        return PlanProgressView.of(actions.skip(orgId, planId, stepId, person, request.reason()), today());
    }

    /**
     * A person's portfolio: every reflection, session and confirmation across their plans, newest first. Readable
     * by the person, their manager and their mentors.
     */
    @GetMapping("/people/{personId}/portfolio")
    PageResponse<PortfolioEntry> portfolio(@CurrentOrg String orgId, @PathVariable String personId,
                                           @RequestHeader(name = ActingPeople.HEADER, required = false) String actor,
                                           @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                           @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        PersonView reader = people.require(orgId, actor);
        List<PlanProgress> owned = plans.findByOrgIdAndPersonId(orgId, personId);
        boolean allowed = reader.personId().equals(personId) || people.isManagerOf(orgId, reader, personId)
                || owned.stream().anyMatch(p -> p.getMentorIds().contains(reader.personId()));
        if (!allowed) {
            throw ActingPeople.forbidden(ActingPeople.HEADER, "only the person, their manager or their mentor");
        }
        List<PortfolioEntry> entries = owned.stream()
                .flatMap(p -> p.getEvidence().stream().map(e -> PortfolioEntry.of(p, e)))
                .sorted(Comparator.comparing(PortfolioEntry::recordedAt).reversed()
                        .thenComparing(PortfolioEntry::evidenceId))
                .toList();
        int from = (int) Math.min((long) page * size, entries.size());
        int to = Math.min(from + size, entries.size());
        return PageResponse.of(new PageImpl<>(entries.subList(from, to), PageRequest.of(page, size), entries.size()));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
