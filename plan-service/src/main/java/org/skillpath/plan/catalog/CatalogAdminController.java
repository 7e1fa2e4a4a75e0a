package org.skillpath.plan.catalog;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.skillpath.kit.security.Caller;
import org.skillpath.kit.security.CurrentCaller;
import org.skillpath.kit.security.RateLimited;
import org.skillpath.kit.text.ConfusableText;
import org.skillpath.kit.web.ApiException;
import org.skillpath.kit.web.CurrentOrg;
import org.skillpath.kit.web.IdempotentRequests;
import org.skillpath.kit.web.PageResponse;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The L&D admin's side of the catalog: an organisation's own activities (one by one or bulk-imported as JSON or
 * CSV) and dated workshop sessions, written by L&D admins or a client with {@code catalog:write}; bulk imports are
 * limited per organisation. The shared default catalog is read-only here.
 */
@RestController
@RequestMapping("/api/catalog")
class CatalogAdminController {

    /** The mass action catalog syncs and imports count against, per organisation. */
    static final String IMPORTS = "catalog-import";

    record ImportResult(int imported, List<String> ids) {
    }

    record SessionRequest(@NotNull LocalDate startsOn, @NotNull @Min(1) @Max(500) Integer capacity,
                          @Size(max = 200) String location) {
    }

    private final CatalogImport importer;
    private final Catalog catalog;
    private final Sessions sessions;
    private final IdempotentRequests idempotent;

    CatalogAdminController(CatalogImport importer, Catalog catalog, Sessions sessions, IdempotentRequests idempotent) {
        this.importer = importer;
        this.catalog = catalog;
        this.sessions = sessions;
        this.idempotent = idempotent;
    }

    /** One activity the organisation can see (its own or the shared catalog's). */
    @GetMapping("/activities/{activityId}")
    Activity get(@CurrentCaller Caller caller, @CurrentOrg String orgId,
                 @PathVariable @Size(max = 200) String activityId) {
        CatalogAccess.requireReader(caller);
        return visible(orgId, activityId);
    }

    /** Creates or replaces one of the organisation's activities; {@code id} is the short id of the path. */
    @PutMapping("/activities/{id}")
    Activity put(@CurrentOrg String orgId, @PathVariable @Size(max = 80) String id,
                 @RequestBody CatalogImport.ActivityInput input) {
        CatalogAccess.requireWriter();
        if (input != null && input.id() != null && !input.id().equals(id)) {
            throw ApiException.unprocessable("id", "differs from the path");
        }
        CatalogImport.ActivityInput withId = input == null ? null : new CatalogImport.ActivityInput(id, input.title(),
                input.description(), input.format(), input.skillIds(), input.minLevel(), input.maxLevel(),
                input.effortHours(), input.durationWeeks(), input.provider(), input.externalId(),
                input.xapiActivityId(), input.prerequisites());
        return importer.upsert(orgId, java.util.Collections.singletonList(withId), "").get(0);
    }

    /** Removes one of the organisation's own activities; plans keep their copy of its title and dates. */
    @DeleteMapping("/activities/{activityId}")
    ResponseEntity<Void> delete(@CurrentOrg String orgId, @PathVariable @Size(max = 200) String activityId) {
        CatalogAccess.requireWriter();
        String id = activityId.startsWith(orgId + ":") ? activityId : CatalogImport.storedId(orgId, activityId);
        if (!catalog.remove(orgId, id)) {
            throw ApiException.notFound("activity of this organisation", activityId);
        }
        return ResponseEntity.noContent().build();
    }

    /** Bulk sync from an L&D platform (JSON array): all or nothing, every problem reported. */
    @RateLimited(IMPORTS)
    @PostMapping(path = "/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    ImportResult importJson(@CurrentOrg String orgId, @RequestBody List<CatalogImport.ActivityInput> activities) {
        CatalogAccess.requireWriter();
        return result(importer.upsert(orgId, activities, "activities"));
    }

    /** Bulk sync as CSV, one activity a row after a header line. */
    @RateLimited(IMPORTS)
    @PostMapping(path = "/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    ImportResult importCsv(@CurrentOrg String orgId, @RequestBody String csv) {
        CatalogAccess.requireWriter();
        return result(importer.upsert(orgId, CsvActivities.parse(csv), "activities"));
    }

    @GetMapping("/activities/{activityId}/sessions")
    PageResponse<WorkshopSession> sessions(@CurrentCaller Caller caller, @CurrentOrg String orgId,
                                           @PathVariable @Size(max = 200) String activityId,
                                           @RequestParam(defaultValue = "0") @Min(0) int page,
                                           @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        CatalogAccess.requireReader(caller);
        visible(orgId, activityId);
        List<WorkshopSession> all = sessions.of(orgId, activityId).stream()
                .map(s -> new WorkshopSession(s.id(), s.orgId(), s.activityId(), s.startsOn(), s.location(),
                        s.capacity(), s.seatsLeft(), List.of())).toList();
        int from = Math.min(all.size(), page * size);
        return PageResponse.of(new PageImpl<>(all.subList(from, Math.min(all.size(), from + size)),
                PageRequest.of(page, size), all.size()));
    }

    /** A dated session of a workshop the organisation can see, run by the organisation. */
    @PostMapping("/activities/{activityId}/sessions")
    ResponseEntity<?> addSession(@CurrentOrg String orgId, @PathVariable @Size(max = 200) String activityId,
                                 @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                 @Valid @RequestBody SessionRequest request) {
        CatalogAccess.requireWriter();
        Activity workshop = visible(orgId, activityId);
        if (workshop.format() != Format.WORKSHOP) {
            throw ApiException.unprocessable("activityId", "only workshops have sessions");
        }
        String location = ConfusableText.clean("location", request.location());
        return idempotent.run(orgId, "POST /api/catalog/activities/{id}/sessions", key, request, () -> {
            WorkshopSession session = new WorkshopSession(UUID.randomUUID().toString(), orgId, workshop.id(),
                    request.startsOn(), location, request.capacity(), request.capacity(), List.of());
            sessions.insert(session);
            return ResponseEntity.created(URI.create("/api/catalog/activities/" + workshop.id() + "/sessions/"
                    + session.id())).body(session);
        });
    }

    private Activity visible(String orgId, String activityId) {
        return catalog.find(orgId, activityId).orElseThrow(() -> ApiException.notFound("activity", activityId));
    }

    private static ImportResult result(List<Activity> stored) {
        return new ImportResult(stored.size(), stored.stream().map(Activity::id).toList());
    }
}
