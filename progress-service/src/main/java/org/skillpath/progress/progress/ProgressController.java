package org.skillpath.progress.progress;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.skillpath.kit.security.Caller;
import org.skillpath.kit.security.Callers;
import org.skillpath.kit.security.CurrentCaller;
import org.skillpath.kit.web.ApiException;
import org.skillpath.kit.web.IdempotentRequests;
import org.skillpath.kit.web.PageResponse;
import org.skillpath.progress.access.Access;
import org.skillpath.progress.access.Access.Relation;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
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
 * Progress along plans for the people around them, all as the token's caller (a person of the token's
 * organisation, active in its directory; see {@link Access}). Reading a plan: its owner, their manager (and
 * skip-level manager if enabled), its mentors, L&D admins; anyone else finds no such plan (404). The step
 * actions are the owner's, the manager's and the mentor's, as {@link StepActions} says.
 */
@RestController
@RequestMapping("/api/progress")
class ProgressController {

    /** Newest plan first; the id breaks ties so pages never overlap. */
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("planId"));

    private final PlanProgressRepository plans;
    private final MongoTemplate mongo;
    private final StepActions actions;
    private final Access access;
    private final IdempotentRequests idempotent;
    private final Clock clock;

    ProgressController(PlanProgressRepository plans, MongoTemplate mongo, StepActions actions, Access access,
                       IdempotentRequests idempotent, Clock clock) {
        this.plans = plans;
        this.mongo = mongo;
        this.actions = actions;
        this.access = access;
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
    PlanProgressView plan(@CurrentCaller Caller caller, @PathVariable String planId) {
        access.actor(caller);
        return plans.findByPlanIdAndOrgId(planId, caller.orgId())
                .filter(p -> !access.relations(caller, p).isEmpty())
                .map(p -> PlanProgressView.of(p, today()))
                .orElseThrow(() -> ApiException.notFound("plan", planId));
    }

    /**
     * A person's plans: all of them for the person, their manager (skip-level if enabled) and L&D admins; only
     * the mentored ones for a mentor; for anyone else the person is not there (404).
     */
    @GetMapping
    PageResponse<PlanProgressView> plansOfPerson(@CurrentCaller Caller caller,
                                                 @RequestParam @NotBlank @Size(max = 128) String personId,
                                                 @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                                 @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        access.actor(caller);
        Criteria criteria = Criteria.where("orgId").is(caller.orgId()).and("personId").is(personId);
        if (access.relations(caller, personId).isEmpty()) {
            if (!access.mentors(caller, personId)) {
                throw ApiException.notFound("person", personId);
            }
            criteria = criteria.and("mentorIds").is(caller.subject());
        }
        Query query = Query.query(criteria);
        long total = mongo.count(query, PlanProgress.class);
        PageRequest pageable = PageRequest.of(page, size, NEWEST_FIRST);
        LocalDate today = today();
        List<PlanProgressView> items = mongo.find(query.with(pageable), PlanProgress.class).stream()
                .map(p -> PlanProgressView.of(p, today)).toList();
        return PageResponse.of(new PageImpl<>(items, pageable, total));
    }

    @PostMapping("/plans/{planId}/steps/{stepId}/start")
    PlanProgressView start(@CurrentCaller Caller caller, @PathVariable String planId, @PathVariable String stepId) {
        access.actor(caller);
        return PlanProgressView.of(actions.start(caller, planId, stepId), today());
    }

    @PostMapping("/plans/{planId}/steps/{stepId}/check-ins")
    ResponseEntity<?> checkIn(@CurrentCaller Caller caller, @PathVariable String planId, @PathVariable String stepId,
                              @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
                              @Valid @RequestBody CheckInRequest request) {
        access.actor(caller);
        // The key is the caller's own: another person's retry with the same key is another request.
        return idempotent.run(caller.orgId(), "POST check-in " + caller.subject() + " " + planId + "/" + stepId,
                idempotencyKey, request, () -> ResponseEntity.ok(PlanProgressView.of(actions.checkIn(caller, planId,
                        stepId, new StepActions.CheckIn(request.reflection(), request.evidenceUrl(),
                                Boolean.TRUE.equals(request.complete()))), today())));
    }

    @PostMapping("/plans/{planId}/steps/{stepId}/confirmation")
    PlanProgressView confirm(@CurrentCaller Caller caller, @PathVariable String planId, @PathVariable String stepId,
                             @Valid @RequestBody(required = false) ConfirmRequest request) {
        access.actor(caller);
        return PlanProgressView.of(actions.confirm(caller, planId, stepId, request == null ? null : request.note()),
                today());
    }

    @PostMapping("/plans/{planId}/steps/{stepId}/mentoring-sessions")
    ResponseEntity<?> logSession(@CurrentCaller Caller caller, @PathVariable String planId, @PathVariable String stepId,
                                 @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
                                 @Valid @RequestBody SessionRequest request) {
        access.actor(caller);
        return idempotent.run(caller.orgId(), "POST session " + caller.subject() + " " + planId + "/" + stepId,
                idempotencyKey, request, () -> ResponseEntity.ok(PlanProgressView.of(actions.logSession(caller, planId,
                        stepId, new StepActions.Session(request.heldOn(), request.durationMinutes(), request.notes(),
                                Boolean.TRUE.equals(request.completesStep()))), today())));
    }

    @PostMapping("/plans/{planId}/steps/{stepId}/skip")
    PlanProgressView skip(@CurrentCaller Caller caller, @PathVariable String planId, @PathVariable String stepId,
                          @Valid @RequestBody SkipRequest request) {
        access.actor(caller);
        return PlanProgressView.of(actions.skip(caller, planId, stepId, request.reason()), today());
    }

    /**
     * A person's portfolio: every reflection, session and confirmation across their plans, newest first. The
     * person, their manager (skip-level if enabled) read all of it; a mentor reads what the plans they mentor
     * hold. L&D admins see the person in organisation views but not their reflections (403); anyone else finds
     * no such person (404).
     */
    @GetMapping("/people/{personId}/portfolio")
    PageResponse<PortfolioEntry> portfolio(@CurrentCaller Caller caller, @PathVariable String personId,
                                           @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                           @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        access.actor(caller);
        Set<Relation> relations = access.relations(caller, personId);
        List<PlanProgress> owned = plans.findByOrgIdAndPersonId(caller.orgId(), personId);
        List<PlanProgress> readable;
        if (relations.contains(Relation.SELF) || relations.contains(Relation.MANAGER)
                || relations.contains(Relation.SKIP_LEVEL_MANAGER)) {
            readable = owned;
        } else {
            readable = owned.stream().filter(p -> p.getMentorIds().contains(caller.subject())).toList();
            if (readable.isEmpty()) {
                throw relations.contains(Relation.ADMIN)
                        ? Callers.forbidden("a portfolio is for the person, their manager and their mentors")
                        : ApiException.notFound("person", personId);
            }
        }
        List<PortfolioEntry> entries = readable.stream()
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
