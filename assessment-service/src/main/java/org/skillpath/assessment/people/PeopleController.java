package org.skillpath.assessment.people;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.skillpath.kit.web.ApiException;
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

@RestController
@RequestMapping("/api/people")
@Validated
class PeopleController {

    static final int MAX_IMPORT = 500;

    private final PeopleService people;
    private final PersonRepository repository;
    private final IdempotentRequests idempotent;

    PeopleController(PeopleService people, PersonRepository repository, IdempotentRequests idempotent) {
        this.people = people;
        this.repository = repository;
        this.idempotent = idempotent;
    }

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
    @PostMapping("/import")
    ResponseEntity<?> importAll(@CurrentOrg String orgId,
                                @RequestBody @NotNull @NotEmpty @Size(max = MAX_IMPORT) List<@Valid @NotNull PersonImport> batch,
                                @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
        return idempotent.run(orgId, "POST /api/people/import", idempotencyKey, batch,
                () -> ResponseEntity.ok(people.importAll(orgId, batch)));
    }

    @GetMapping("/{id}")
    PersonUpserted get(@CurrentOrg String orgId, @PathVariable String id) {
        return people.find(orgId, id).map(Person::toEvent).orElseThrow(() -> ApiException.notFound("person", id));
    }

    @PutMapping("/{id}")
    PersonUpserted replace(@CurrentOrg String orgId, @PathVariable String id, @Valid @RequestBody PersonDetails details) {
        return people.replace(orgId, id, details).toEvent();
    }

    /** Erases the person (tombstone on the people topic; results kept only anonymised). */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> erase(@CurrentOrg String orgId, @PathVariable String id) {
        people.erase(orgId, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping
    PageResponse<PersonUpserted> list(@CurrentOrg String orgId,
                                      @RequestParam(defaultValue = "0") @Min(0) int page,
                                      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return PageResponse.of(repository.findByOrgId(orgId, PageRequest.of(page, size, Sort.by("userName", "id")))
                .map(Person::toEvent));
    }
}
