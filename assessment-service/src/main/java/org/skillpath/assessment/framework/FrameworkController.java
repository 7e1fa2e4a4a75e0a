package org.skillpath.assessment.framework;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.skillpath.assessment.security.AllowedCallers;
import org.skillpath.assessment.security.Scopes;
import org.skillpath.kit.security.Caller;
import org.skillpath.kit.security.RateLimited;
import org.skillpath.kit.web.ApiException;
import org.skillpath.kit.web.CurrentOrg;
import org.skillpath.kit.web.IdempotentRequests;
import org.skillpath.kit.web.PageResponse;
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
import tools.jackson.databind.JsonNode;

/**
 * Skill frameworks: create, version, retire, and exchange them as IMS CASE 1.1 packages. Everyone of the
 * organisation reads them (they say what is assessed); L&D admins and import clients (scope frameworks:write)
 * write them.
 */
@RestController
@RequestMapping("/api/frameworks")
@Validated
class FrameworkController {

    private final FrameworkCatalog catalog;
    private final CaseFormat caseFormat;
    private final IdempotentRequests idempotent;

    FrameworkController(FrameworkCatalog catalog, CaseFormat caseFormat, IdempotentRequests idempotent) {
        this.catalog = catalog;
        this.caseFormat = caseFormat;
        this.idempotent = idempotent;
    }

    record FrameworkView(String id, int version, FrameworkStatus status, String origin, String name, String description,
                         List<SkillFramework.ScaleLevel> scale, List<SkillFramework.Skill> skills, Instant createdAt,
                         Instant retiredAt) {
        static FrameworkView of(StoredFramework f) {
            SkillFramework c = f.getContent();
            return new FrameworkView(f.getKey(), f.getVersion(), f.getStatus(), f.getOrigin(), c.name(), c.description(),
                    c.scale(), c.skills(), f.getCreatedAt(), f.getRetiredAt());
        }
    }

    record FrameworkSummary(String id, int version, FrameworkStatus status, String name, int skills, Instant createdAt,
                            Instant retiredAt) {
        static FrameworkSummary of(StoredFramework f) {
            return new FrameworkSummary(f.getKey(), f.getVersion(), f.getStatus(), f.getContent().name(),
                    f.getContent().skills().size(), f.getCreatedAt(), f.getRetiredAt());
        }
    }

    /** Every version, ordered by id then newest version first. */
    @AllowedCallers(anyPerson = true, scopes = Scopes.FRAMEWORKS_WRITE)
    @GetMapping
    PageResponse<FrameworkSummary> list(@CurrentOrg String orgId, @RequestParam(required = false) FrameworkStatus status,
                                        @RequestParam(defaultValue = "0") @Min(0) int page,
                                        @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return PageResponse.of(catalog.frameworks(orgId, status, page, size).map(FrameworkSummary::of));
    }

    /** The organisation's current version of the default framework. */
    @AllowedCallers(anyPerson = true, scopes = Scopes.FRAMEWORKS_WRITE)
    @GetMapping("/default")
    FrameworkView defaultFramework(@CurrentOrg String orgId) {
        return current(orgId, FrameworkCatalog.DEFAULT_FRAMEWORK);
    }

    /** The latest active version: what new assessments are rated against. */
    @AllowedCallers(anyPerson = true, scopes = Scopes.FRAMEWORKS_WRITE)
    @GetMapping("/{id}")
    FrameworkView current(@CurrentOrg String orgId, @PathVariable String id) {
        return catalog.currentFramework(orgId, id).map(FrameworkView::of)
                .orElseThrow(() -> ApiException.notFound("active framework", id));
    }

    @AllowedCallers(anyPerson = true, scopes = Scopes.FRAMEWORKS_WRITE)
    @GetMapping("/{id}/versions/{version}")
    FrameworkView version(@CurrentOrg String orgId, @PathVariable String id, @PathVariable @Min(1) int version) {
        return catalog.framework(orgId, id, version).map(FrameworkView::of)
                .orElseThrow(() -> ApiException.notFound("framework", id + " version " + version));
    }

    @AllowedCallers(roles = Caller.LD_ADMIN, scopes = Scopes.FRAMEWORKS_WRITE)
    @PostMapping
    ResponseEntity<?> create(@CurrentOrg String orgId, @Valid @RequestBody FrameworkDrafts.FrameworkDraft draft,
                             @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key) {
        return idempotent.run(orgId, "POST /api/frameworks", key, draft,
                () -> created(catalog.createFramework(orgId, draft, "api")));
    }

    @AllowedCallers(roles = Caller.LD_ADMIN, scopes = Scopes.FRAMEWORKS_WRITE)
    @PostMapping("/{id}/versions")
    ResponseEntity<?> newVersion(@CurrentOrg String orgId, @PathVariable String id,
                                 @Valid @RequestBody FrameworkDrafts.FrameworkDraft draft,
                                 @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key) {
        return idempotent.run(orgId, "POST /api/frameworks/" + id + "/versions", key, draft,
                () -> created(catalog.newFrameworkVersion(orgId, id, draft, "api")));
    }

    /** Retired versions stay readable (assessments pinned to them) but are no longer offered. */
    @AllowedCallers(roles = Caller.LD_ADMIN, scopes = Scopes.FRAMEWORKS_WRITE)
    @PostMapping("/{id}/versions/{version}/retire")
    FrameworkView retire(@CurrentOrg String orgId, @PathVariable String id, @PathVariable @Min(1) int version) {
        return FrameworkView.of(catalog.retireFramework(orgId, id, version));
    }

    @AllowedCallers(anyPerson = true, scopes = Scopes.FRAMEWORKS_WRITE)
    @GetMapping("/{id}/versions/{version}/case")
    JsonNode exportCase(@CurrentOrg String orgId, @PathVariable String id, @PathVariable @Min(1) int version) {
        return caseFormat.export(orgId, catalog.framework(orgId, id, version)
                .orElseThrow(() -> ApiException.notFound("framework", id + " version " + version)));
    }

    /**
     * Imports a CASE package as a new framework, or as the next version of the framework with the same id.
     * {@code frameworkId} names it; by default a package exported here keeps its id, others are named by title.
     */
    @AllowedCallers(roles = Caller.LD_ADMIN, scopes = Scopes.FRAMEWORKS_WRITE)
    @RateLimited("framework-import")
    @PostMapping("/case")
    ResponseEntity<?> importCase(@CurrentOrg String orgId, @RequestBody JsonNode body,
                                 @RequestParam(required = false) @Pattern(regexp = FrameworkDrafts.KEY) String frameworkId,
                                 @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key) {
        return idempotent.run(orgId, "POST /api/frameworks/case", key, body,
                () -> created(catalog.importFramework(orgId, caseFormat.read(body, frameworkId))));
    }

    private static ResponseEntity<?> created(StoredFramework f) {
        return ResponseEntity.created(URI.create("/api/frameworks/" + f.getKey() + "/versions/" + f.getVersion()))
                .body(FrameworkView.of(f));
    }
}
