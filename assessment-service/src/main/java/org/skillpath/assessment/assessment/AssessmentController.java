package org.skillpath.assessment.assessment;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.skillpath.assessment.people.PeopleAccess;
import org.skillpath.assessment.security.AllowedCallers;
import org.skillpath.kit.security.Caller;
import org.skillpath.kit.security.CurrentCaller;
import org.skillpath.kit.security.RateLimited;
import org.skillpath.kit.web.ApiException;
import org.skillpath.kit.web.CurrentOrg;
import org.skillpath.kit.web.IdempotentRequests;
import org.skillpath.kit.web.PageResponse;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Assessments: the quick path (a complete set of ratings at once) and the 360 lifecycle (request, invited
 * raters answer per indicator, close, results). No response ever carries an individual rater's answers or the
 * ids of peers and reports: results show scores and comments only as the anonymity rule allows, to everyone
 * who may see them, L&D admins included. Integration clients have no business here: people only.
 */
@RestController
@Validated
class AssessmentController {

    private final AssessmentService service;
    private final AssessmentRepository repository;
    private final IdempotentRequests idempotent;
    private final AssessmentAccess access;
    private final PeopleAccess people;

    AssessmentController(AssessmentService service, AssessmentRepository repository, IdempotentRequests idempotent,
                         AssessmentAccess access, PeopleAccess people) {
        this.service = service;
        this.repository = repository;
        this.idempotent = idempotent;
        this.access = access;
        this.people = people;
    }

    record RaterProgress(int invited, int answered) {
    }

    /** The view of an assessment: progress counts, scores, gaps and disclosed comments, never raters' answers. */
    record AssessmentView(String id, String personId, String roleProfileId, Integer roleProfileVersion, String frameworkId,
                          Integer frameworkVersion, String status, LocalDate dueOn, String previousAssessmentId,
                          Map<RaterGroup, RaterProgress> raters, Instant createdAt, Instant closedAt, Instant completedAt,
                          String closeReason, List<SkillScore> scores, GapAnalysis.Result result,
                          List<AssessmentEvents.Growth> growth, List<Assessment.Comments> comments, boolean anonymised) {
        static AssessmentView of(Assessment a) {
            Map<RaterGroup, int[]> counts = new EnumMap<>(RaterGroup.class);
            a.getInvitations().stream().filter(i -> !i.withdrawn() || i.answeredAt() != null).forEach(i -> {
                int[] c = counts.computeIfAbsent(i.group(), g -> new int[2]);
                c[0]++;
                if (i.answeredAt() != null) {
                    c[1]++;
                }
            });
            if (a.getRatings() != null) {
                a.getRatings().forEach(r -> {
                    int[] c = counts.computeIfAbsent(r.group(), g -> new int[2]);
                    c[0]++;
                    c[1]++;
                });
            }
            Map<RaterGroup, RaterProgress> raters = new EnumMap<>(RaterGroup.class);
            counts.forEach((g, c) -> raters.put(g, new RaterProgress(c[0], c[1])));
            return new AssessmentView(a.getId(), a.getPersonId(), a.getRoleProfileId(), a.getRoleProfileVersion(),
                    a.getFrameworkId(), a.getFrameworkVersion(), a.getStatus().name(), a.getDueOn(),
                    a.getPreviousAssessmentId(), raters, a.getCreatedAt(), a.getClosedAt(), a.getCompletedAt(),
                    a.getCloseReason(), a.getScores(), a.getResult(), a.getGrowth(), a.getComments(), a.isAnonymised());
        }

        /** For a rater who may not see the results: what they answered to and where it stands, nothing more. */
        static AssessmentView receipt(Assessment a) {
            return new AssessmentView(a.getId(), a.getPersonId(), a.getRoleProfileId(), a.getRoleProfileVersion(),
                    a.getFrameworkId(), a.getFrameworkVersion(), a.getStatus().name(), a.getDueOn(), null, null,
                    a.getCreatedAt(), a.getClosedAt(), a.getCompletedAt(), null, null, null, null, null, a.isAnonymised());
        }
    }

    /**
     * The quick path: a complete set of per-skill ratings, scored and published at once. It records what several
     * raters said, so only an L&D admin (transferring an assessment made elsewhere) may use it.
     */
    @AllowedCallers(roles = Caller.LD_ADMIN)
    @PostMapping("/api/assessments")
    ResponseEntity<?> submit(@CurrentOrg String orgId, @Valid @RequestBody AssessmentRequest request,
                             @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
        return idempotent.run(orgId, "POST /api/assessments", idempotencyKey, request, () -> created(service.submit(orgId, request)));
    }

    /**
     * Requests a 360 assessment: invites the raters (one assessment.requested event each). The person themselves,
     * their manager or an L&D admin may ask; the organisation's requests are rate-limited as a mass action.
     */
    @AllowedCallers(anyPerson = true)
    @RateLimited("assessment-requests")
    @PostMapping("/api/assessment-requests")
    ResponseEntity<?> request(@CurrentCaller Caller caller, @CurrentOrg String orgId,
                              @Valid @RequestBody AssessmentDrafts.AssessmentRequestDraft request,
                              @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
        // Before the idempotent run: a replay must pass the same check as the first request.
        access.requireMayRequestFor(caller, orgId, request.personId());
        return idempotent.run(orgId, "POST /api/assessment-requests", idempotencyKey, request,
                () -> created(service.request(orgId, request)));
    }

    @AllowedCallers(anyPerson = true)
    @GetMapping("/api/assessments/{id}")
    AssessmentView get(@CurrentCaller Caller caller, @CurrentOrg String orgId, @PathVariable String id) {
        return AssessmentView.of(access.visible(caller, orgId, id));
    }

    /**
     * A person's assessments, newest first: for the person, their line and L&D admins. Admins may also list an
     * erased person's anonymised results by its pseudonym.
     */
    @AllowedCallers(anyPerson = true)
    @GetMapping("/api/assessments")
    PageResponse<AssessmentView> list(@CurrentCaller Caller caller, @CurrentOrg String orgId,
                                      @RequestParam @NotBlank String personId,
                                      @RequestParam(required = false) Assessment.Status status,
                                      @RequestParam(defaultValue = "0") @Min(0) int page,
                                      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        if (!caller.isAdmin()) {
            people.readable(caller, orgId, personId);
        }
        PageRequest pageable = PageRequest.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id")));
        var found = status == null ? repository.findByOrgIdAndPersonId(orgId, personId, pageable)
                : repository.findByOrgIdAndPersonIdAndStatus(orgId, personId, status, pageable);
        // Nothing under that id in this organisation (no person, no pseudonymised results): as for a path id, 404.
        if (found.getTotalElements() == 0 && !access.personExists(orgId, personId)
                && !repository.existsByOrgIdAndPersonId(orgId, personId)) {
            throw ApiException.notFound("person", personId);
        }
        return PageResponse.of(found.map(AssessmentView::of));
    }

    /**
     * What the invited rater is asked, with their own answers so far. The invitation id comes with the invitation
     * mail; only the invited rater finds it (for anyone else, admins included, it does not exist).
     */
    @AllowedCallers(anyPerson = true)
    @GetMapping("/api/assessments/{id}/invitations/{invitationId}")
    AssessmentService.Questionnaire questionnaire(@CurrentCaller Caller caller, @CurrentOrg String orgId,
                                                  @PathVariable String id, @PathVariable String invitationId) {
        return service.questionnaire(orgId, caller.subject(), id, invitationId);
    }

    /**
     * A rater's response to their own invitation; sending it again before the close replaces the earlier one. The
     * answer is the assessment as the rater may see it: with results only for those who may see them anyway
     * (the person's self-rating, their manager), else a receipt, even when this response completed it.
     */
    @AllowedCallers(anyPerson = true)
    @PutMapping("/api/assessments/{id}/invitations/{invitationId}/response")
    AssessmentView respond(@CurrentCaller Caller caller, @CurrentOrg String orgId, @PathVariable String id,
                           @PathVariable String invitationId, @Valid @RequestBody AssessmentDrafts.ResponseDraft response) {
        Assessment a = service.respond(orgId, caller.subject(), id, invitationId, response);
        return caller.isAdmin() || access.mayFollow(caller, orgId, a.getPersonId()) ? AssessmentView.of(a)
                : AssessmentView.receipt(a);
    }

    /** Closes before the due date with the answers given so far: an L&D admin's decision. */
    @AllowedCallers(roles = Caller.LD_ADMIN)
    @PostMapping("/api/assessments/{id}/close")
    AssessmentView close(@CurrentOrg String orgId, @PathVariable String id) {
        return AssessmentView.of(service.closeNow(orgId, id));
    }

    private static ResponseEntity<?> created(Assessment a) {
        return ResponseEntity.created(URI.create("/api/assessments/" + a.getId())).body(AssessmentView.of(a));
    }
}
