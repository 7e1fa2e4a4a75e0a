package org.skillpath.assessment.framework;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.skillpath.assessment.security.AllowedCallers;
import org.skillpath.assessment.security.Scopes;
import org.skillpath.kit.security.Caller;
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

/**
 * Role profiles: a target level and a weight per skill, versioned and retirable. Read by everyone of the
 * organisation, written by L&D admins and import clients (scope frameworks:write).
 */
@RestController
@RequestMapping("/api/role-profiles")
@Validated
class RoleProfileController {

    private final FrameworkCatalog catalog;
    private final IdempotentRequests idempotent;

    RoleProfileController(FrameworkCatalog catalog, IdempotentRequests idempotent) {
        this.catalog = catalog;
        this.idempotent = idempotent;
    }

    record RoleProfileView(String id, int version, FrameworkStatus status, String name, String frameworkId,
                           List<RoleProfile.SkillTarget> targets, Instant createdAt, Instant retiredAt) {
        static RoleProfileView of(StoredRoleProfile p) {
            RoleProfile c = p.getContent();
            return new RoleProfileView(p.getKey(), p.getVersion(), p.getStatus(), c.name(), c.frameworkId(), c.targets(),
                    p.getCreatedAt(), p.getRetiredAt());
        }
    }

    @AllowedCallers(anyPerson = true, scopes = Scopes.FRAMEWORKS_WRITE)
    @GetMapping
    PageResponse<RoleProfileView> list(@CurrentOrg String orgId, @RequestParam(required = false) FrameworkStatus status,
                                       @RequestParam(defaultValue = "0") @Min(0) int page,
                                       @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return PageResponse.of(catalog.roleProfiles(orgId, status, page, size).map(RoleProfileView::of));
    }

    @AllowedCallers(anyPerson = true, scopes = Scopes.FRAMEWORKS_WRITE)
    @GetMapping("/{id}")
    RoleProfileView current(@CurrentOrg String orgId, @PathVariable String id) {
        return catalog.currentRoleProfile(orgId, id).map(RoleProfileView::of)
                .orElseThrow(() -> ApiException.notFound("active role profile", id));
    }

    @AllowedCallers(anyPerson = true, scopes = Scopes.FRAMEWORKS_WRITE)
    @GetMapping("/{id}/versions/{version}")
    RoleProfileView version(@CurrentOrg String orgId, @PathVariable String id, @PathVariable @Min(1) int version) {
        return catalog.roleProfile(orgId, id, version).map(RoleProfileView::of)
                .orElseThrow(() -> ApiException.notFound("role profile", id + " version " + version));
    }

    @AllowedCallers(roles = Caller.LD_ADMIN, scopes = Scopes.FRAMEWORKS_WRITE)
    @PostMapping
    ResponseEntity<?> create(@CurrentOrg String orgId, @Valid @RequestBody FrameworkDrafts.RoleProfileDraft draft,
                             @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key) {
        return idempotent.run(orgId, "POST /api/role-profiles", key, draft,
                () -> created(catalog.createRoleProfile(orgId, draft)));
    }

    @AllowedCallers(roles = Caller.LD_ADMIN, scopes = Scopes.FRAMEWORKS_WRITE)
    @PostMapping("/{id}/versions")
    ResponseEntity<?> newVersion(@CurrentOrg String orgId, @PathVariable String id,
                                 @Valid @RequestBody FrameworkDrafts.RoleProfileDraft draft,
                                 @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key) {
        return idempotent.run(orgId, "POST /api/role-profiles/" + id + "/versions", key, draft,
                () -> created(catalog.newRoleProfileVersion(orgId, id, draft)));
    }

    @AllowedCallers(roles = Caller.LD_ADMIN, scopes = Scopes.FRAMEWORKS_WRITE)
    @PostMapping("/{id}/versions/{version}/retire")
    RoleProfileView retire(@CurrentOrg String orgId, @PathVariable String id, @PathVariable @Min(1) int version) {
        return RoleProfileView.of(catalog.retireRoleProfile(orgId, id, version));
    }

    private static ResponseEntity<?> created(StoredRoleProfile p) {
        return ResponseEntity.created(URI.create("/api/role-profiles/" + p.getKey() + "/versions/" + p.getVersion()))
                .body(RoleProfileView.of(p));
    }
}
