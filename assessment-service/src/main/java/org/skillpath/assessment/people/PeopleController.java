package org.skillpath.assessment.people;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.skillpath.assessment.security.AllowedCallers;
import org.skillpath.assessment.security.Scopes;
import org.skillpath.kit.security.Caller;
import org.skillpath.kit.security.Callers;
import org.skillpath.kit.security.CurrentCaller;
import org.skillpath.kit.security.RateLimited;
import org.skillpath.kit.web.CurrentOrg;
import org.skillpath.kit.web.IdempotentRequests;
import org.skillpath.kit.web.PageResponse;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
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
 * The people directory over plain JSON. HR systems (scope people:write) and L&D admins keep it; a person reads
 * and may adjust their own preferences, a manager reads their reports (see {@link PeopleAccess}).
 */
@RestController
@RequestMapping("/api/people")
@Validated
class PeopleController {

    static final int MAX_IMPORT = 500;

    private final PeopleService people;
    private final PersonRepository repository;
    private final IdempotentRequests idempotent;
    private final PeopleAccess access;

    PeopleController(PeopleService people, PersonRepository repository, IdempotentRequests idempotent,
                     PeopleAccess access) {
        this.people = people;
        this.repository = repository;
        this.idempotent = idempotent;
        this.access = access;
    }

    @AllowedCallers(roles = Caller.LD_ADMIN, scopes = Scopes.PEOPLE_WRITE)
    @PostMapping
    ResponseEntity<?> create(@CurrentOrg String orgId, @Valid @RequestBody PersonDetails details,
                             @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
        return idempotent.run(orgId, "POST /api/people", idempotencyKey, details, () -> {
            Person person = people.create(orgId, details);
            return ResponseEntity.created(URI.create("/api/people/" + person.getId())).body(person.toEvent());
        });
    }

    /**
     * A first load from an HR export: a JSON array of people, created or updated by userName, managers named by
     * id or by userName. Validated as a whole before anything is written; re-running it changes nothing.
     */
    @AllowedCallers(roles = Caller.LD_ADMIN, scopes = Scopes.PEOPLE_WRITE)
    @RateLimited("people-import")
    @PostMapping("/import")
    ResponseEntity<?> importAll(@CurrentOrg String orgId,
                                @RequestBody @NotNull @NotEmpty @Size(max = MAX_IMPORT) List<@Valid @NotNull PersonImport> batch,
                                @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
        return idempotent.run(orgId, "POST /api/people/import", idempotencyKey, batch,
                () -> ResponseEntity.ok(people.importAll(orgId, batch)));
    }

    @AllowedCallers(anyPerson = true, scopes = {Scopes.PEOPLE_READ, Scopes.PEOPLE_WRITE})
    @GetMapping("/{id}")
    PersonUpserted get(@CurrentCaller Caller caller, @CurrentOrg String orgId, @PathVariable String id) {
        return access.readable(caller, orgId, id).toEvent();
    }

    /**
     * Replaces the person's details. A person may send their own entry back with other preferences (locale, time
     * zone, mentoring opt-in); everything else in it belongs to HR.
     */
    @AllowedCallers(anyPerson = true, scopes = Scopes.PEOPLE_WRITE)
    @PutMapping("/{id}")
    PersonUpserted replace(@CurrentCaller Caller caller, @CurrentOrg String orgId, @PathVariable String id,
                           @Valid @RequestBody PersonDetails details) {
        if (PeopleAccess.managesDirectory(caller)) {
            return people.replace(orgId, id, details).toEvent();
        }
        Person person = access.readable(caller, orgId, id);
        if (access.relation(caller, person) != PeopleAccess.Relation.SELF || !details.sameDirectoryEntryAs(person.details())) {
            throw Callers.forbidden("requires the scope " + Scopes.PEOPLE_WRITE + " or the role " + Caller.LD_ADMIN
                    + "; a person may change only their own locale, timeZone and mentorOptIn");
        }
        return people.changePreferences(orgId, id, details).toEvent();
    }

    /** Erases the person (tombstone on the people topic; results kept only anonymised). */
    @AllowedCallers(roles = Caller.LD_ADMIN, scopes = Scopes.PEOPLE_WRITE)
    @DeleteMapping("/{id}")
    ResponseEntity<Void> erase(@CurrentOrg String orgId, @PathVariable String id) {
        people.erase(orgId, id);
        return ResponseEntity.noContent().build();
    }

    /** The whole directory: for admins and people-scoped integrations, not for browsing colleagues. */
    @AllowedCallers(roles = Caller.LD_ADMIN, scopes = {Scopes.PEOPLE_READ, Scopes.PEOPLE_WRITE})
    @GetMapping
    PageResponse<PersonUpserted> list(@CurrentOrg String orgId,
                                      @RequestParam(defaultValue = "0") @Min(0) int page,
                                      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return PageResponse.of(repository.findByOrgId(orgId, PageRequest.of(page, size, Sort.by("userName", "id")))
                .map(Person::toEvent));
    }
}
