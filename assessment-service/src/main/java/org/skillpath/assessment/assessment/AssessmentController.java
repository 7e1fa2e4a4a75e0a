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
 * ids of peers and reports: results show scores and comments only as the anonymity rule allows.
 */
@RestController
@Validated
class AssessmentController {

    private final AssessmentService service;
    private final AssessmentRepository repository;
    private final IdempotentRequests idempotent;

    AssessmentController(AssessmentService service, AssessmentRepository repository, IdempotentRequests idempotent) {
        this.service = service;
        this.repository = repository;
        this.idempotent = idempotent;
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
    }

    /** The quick path: a complete set of per-skill ratings, scored and published at once. */
    @PostMapping("/api/assessments")
    ResponseEntity<?> submit(@CurrentOrg String orgId, @Valid @RequestBody AssessmentRequest request,
                             @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
        return idempotent.run(orgId, "POST /api/assessments", idempotencyKey, request, () -> created(service.submit(orgId, request)));
    }

    /** Requests a 360 assessment: invites the raters (one assessment.requested event each). */
    @PostMapping("/api/assessment-requests")
    ResponseEntity<?> request(@CurrentOrg String orgId, @Valid @RequestBody AssessmentDrafts.AssessmentRequestDraft request,
                              @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
        return idempotent.run(orgId, "POST /api/assessment-requests", idempotencyKey, request,
                () -> created(service.request(orgId, request)));
    }

    @GetMapping("/api/assessments/{id}")
    AssessmentView get(@CurrentOrg String orgId, @PathVariable String id) {
        return AssessmentView.of(service.find(orgId, id));
    }

    /** A person's assessments, newest first. */
    @GetMapping("/api/assessments")
    PageResponse<AssessmentView> list(@CurrentOrg String orgId, @RequestParam @NotBlank String personId,
                                      @RequestParam(required = false) Assessment.Status status,
                                      @RequestParam(defaultValue = "0") @Min(0) int page,
                                      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        PageRequest pageable = PageRequest.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id")));
        return PageResponse.of((status == null ? repository.findByOrgIdAndPersonId(orgId, personId, pageable)
                : repository.findByOrgIdAndPersonIdAndStatus(orgId, personId, status, pageable)).map(AssessmentView::of));
    }

    /** What the invited rater is asked, with their own answers so far. The invitation id comes with the invitation mail. */
    @GetMapping("/api/assessments/{id}/invitations/{invitationId}")
    AssessmentService.Questionnaire questionnaire(@CurrentOrg String orgId, @PathVariable String id,
                                                  @PathVariable String invitationId) {
        return service.questionnaire(orgId, id, invitationId);
    }

    /** A rater's response; sending it again before the close replaces the earlier one. */
    @PutMapping("/api/assessments/{id}/invitations/{invitationId}/response")
    AssessmentView respond(@CurrentOrg String orgId, @PathVariable String id, @PathVariable String invitationId,
                           @Valid @RequestBody AssessmentDrafts.ResponseDraft response) {
        return AssessmentView.of(service.respond(orgId, id, invitationId, response));
    }

    /** Closes before the due date with the answers given so far. */
    @PostMapping("/api/assessments/{id}/close")
    AssessmentView close(@CurrentOrg String orgId, @PathVariable String id) {
        return AssessmentView.of(service.closeNow(orgId, id));
    }

    private static ResponseEntity<?> created(Assessment a) {
        return ResponseEntity.created(URI.create("/api/assessments/" + a.getId())).body(AssessmentView.of(a));
    }
}
