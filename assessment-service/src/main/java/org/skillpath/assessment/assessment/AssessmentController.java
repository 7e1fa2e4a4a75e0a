package org.skillpath.assessment.assessment;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/assessments")
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

    /** The view of a result: scores and gaps, never the individual raters' answers. */
    record AssessmentView(String id, String personId, String roleProfileId, String frameworkId, String status,
                          Instant createdAt, Instant completedAt, List<SkillScore> scores, GapAnalysis.Result result) {
        static AssessmentView of(Assessment a) {
            return new AssessmentView(a.getId(), a.getPersonId(), a.getRoleProfileId(), a.getFrameworkId(),
                    a.getStatus().name(), a.getCreatedAt(), a.getCompletedAt(), a.getScores(), a.getResult());
        }
    }

    @PostMapping
    ResponseEntity<?> submit(@CurrentOrg String orgId, @Valid @RequestBody AssessmentRequest request,
                             @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
        return idempotent.run(orgId, "POST /api/assessments", idempotencyKey, request, () -> {
            Assessment a = service.submit(orgId, request);
            return ResponseEntity.created(URI.create("/api/assessments/" + a.getId())).body(AssessmentView.of(a));
        });
    }

    @GetMapping("/{id}")
    AssessmentView get(@CurrentOrg String orgId, @PathVariable String id) {
        return repository.findByIdAndOrgId(id, orgId).map(AssessmentView::of)
                .orElseThrow(() -> ApiException.notFound("assessment", id));
    }

    @GetMapping
    PageResponse<AssessmentView> list(@CurrentOrg String orgId, @RequestParam @NotBlank String personId,
                                      @RequestParam(defaultValue = "0") @Min(0) int page,
                                      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return PageResponse.of(repository.findByOrgIdAndPersonId(orgId, personId,
                PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "createdAt"))).map(AssessmentView::of));
    }
}
