package org.skillpath.progress.lrscredentials;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.skillpath.kit.security.Caller;
import org.skillpath.kit.security.Callers;
import org.skillpath.kit.security.CurrentCaller;
import org.skillpath.kit.text.ConfusableText;
import org.skillpath.kit.web.ApiException;
import org.skillpath.kit.web.PageResponse;
import org.skillpath.progress.access.Access;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The organisation's LRS credentials, for its L&D admins: create one per L&D platform (the secret is in that
 * answer only), list them without secrets, revoke one. Another organisation's keys do not exist here (404).
 */
@RestController
@RequestMapping("/api/lrs-credentials")
class LrsCredentialController {

    private final LrsCredentials credentials;
    private final Access access;

    LrsCredentialController(LrsCredentials credentials, Access access) {
        this.credentials = credentials;
        this.access = access;
    }

    record CreateRequest(@NotBlank @Size(max = 200) String label) {
    }

    /** The one answer that carries the secret: the platform's Basic user name is the key, its password the secret. */
    record IssuedView(String key, String secret, String label, Instant createdAt) {
    }

    record CredentialView(String key, String label, Instant createdAt, String createdBy, boolean revoked,
                          Instant revokedAt, String revokedBy) {

        static CredentialView of(LrsCredential c) {
            return new CredentialView(c.key(), c.label(), c.createdAt(), c.createdBy(), c.revoked(), c.revokedAt(),
                    c.revokedBy());
        }
    }

    @PostMapping
    ResponseEntity<IssuedView> create(@CurrentCaller Caller caller, @Valid @RequestBody CreateRequest request) {
        requireAdmin(caller);
        LrsCredentials.Issued issued = credentials.create(caller.orgId(), caller.subject(),
                ConfusableText.clean("label", request.label()).strip());
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(new IssuedView(issued.credential().key(), issued.secret(), issued.credential().label(),
                        issued.credential().createdAt()));
    }

    @GetMapping
    PageResponse<CredentialView> list(@CurrentCaller Caller caller,
                                      @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        requireAdmin(caller);
        return PageResponse.of(credentials.list(caller.orgId(), page, size).map(CredentialView::of));
    }

    @PostMapping("/{key}/revoke")
    CredentialView revoke(@CurrentCaller Caller caller, @PathVariable @Size(max = 64) String key) {
        requireAdmin(caller);
        return credentials.revoke(caller.orgId(), key, caller.subject()).map(CredentialView::of)
                .orElseThrow(() -> ApiException.notFound("LRS credential", key));
    }

    private void requireAdmin(Caller caller) {
        access.actor(caller);
        if (!caller.isAdmin()) {
            throw Callers.forbidden("requires the role LD_ADMIN: LRS credentials are managed by L&D admins");
        }
    }
}
