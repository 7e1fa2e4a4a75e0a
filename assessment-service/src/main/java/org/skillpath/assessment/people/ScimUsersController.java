package org.skillpath.assessment.people;

import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.skillpath.assessment.security.AllowedCallers;
import org.skillpath.assessment.security.Scopes;
import org.skillpath.kit.security.Caller;
import org.skillpath.kit.security.CurrentCaller;
import org.skillpath.kit.web.CurrentOrg;
import org.skillpath.kit.web.IdempotentRequests;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SCIM 2.0 Users (RFC 7644 subset) for corporate HR and identity platforms: create, get, list with
 * {@code filter=userName eq "..."}, replace, patch and delete (which erases the person). Answers and errors are
 * {@code application/scim+json}. Provisioning clients (scope people:write) and L&D admins keep the directory;
 * reads are open as on {@code /api/people} (see {@link PeopleAccess}).
 */
@RestController
@RequestMapping("/scim/v2/Users")
class ScimUsersController {

    private static final Pattern USER_NAME_EQ = Pattern.compile("^\\s*userName\\s+eq\\s+\"((?:[^\"\\\\]|\\\\.)*)\"\\s*$",
            Pattern.CASE_INSENSITIVE);
    static final int MAX_COUNT = 100;

    private final PeopleService people;
    private final PersonRepository repository;
    private final ScimUsers scim;
    private final IdempotentRequests idempotent;
    private final ObjectMapper json;
    private final PeopleAccess access;

    ScimUsersController(PeopleService people, PersonRepository repository, ScimUsers scim, IdempotentRequests idempotent,
                        ObjectMapper json, PeopleAccess access) {
        this.people = people;
        this.repository = repository;
        this.scim = scim;
        this.idempotent = idempotent;
        this.json = json;
        this.access = access;
    }

    @AllowedCallers(roles = Caller.LD_ADMIN, scopes = Scopes.PEOPLE_WRITE)
    @PostMapping
    ResponseEntity<?> create(@CurrentOrg String orgId, @RequestBody JsonNode body,
                             @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key) {
        ResponseEntity<?> response = idempotent.run(orgId, "POST /scim/v2/Users", key, body, () -> {
            Person p = people.create(orgId, scim.fromScim(body, null));
            return ResponseEntity.created(URI.create("/scim/v2/Users/" + p.getId())).body(scim.toScim(p));
        });
        return ResponseEntity.status(response.getStatusCode()).headers(h -> {
            h.putAll(response.getHeaders());
            h.setContentType(ScimErrors.SCIM_JSON);
        }).body(response.getBody());
    }

    @AllowedCallers(anyPerson = true, scopes = {Scopes.PEOPLE_READ, Scopes.PEOPLE_WRITE})
    @GetMapping("/{id}")
    ResponseEntity<JsonNode> get(@CurrentCaller Caller caller, @CurrentOrg String orgId, @PathVariable String id) {
        return ok(scim.toScim(access.readable(caller, orgId, id)));
    }

    /** Users ordered by userName; {@code startIndex} is 1-based, {@code count} at most 100 (RFC 7644 §3.4.2.4). */
    @AllowedCallers(roles = Caller.LD_ADMIN, scopes = {Scopes.PEOPLE_READ, Scopes.PEOPLE_WRITE})
    @GetMapping
    ResponseEntity<JsonNode> list(@CurrentOrg String orgId, @RequestParam(required = false) String filter,
                                    @RequestParam(defaultValue = "1") int startIndex,
                                    @RequestParam(defaultValue = "20") int count) {
        int start = Math.max(1, startIndex);
        int size = Math.min(Math.max(0, count), MAX_COUNT);
        String userName = null;
        if (filter != null && !filter.isBlank()) {
            Matcher m = USER_NAME_EQ.matcher(filter);
            if (!m.matches()) {
                throw new ScimException(HttpStatus.BAD_REQUEST, "invalidFilter",
                        "filter: only userName eq \"...\" is supported");
            }
            userName = m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        Sort sort = Sort.by("userName", "id");
        long total;
        List<Person> page;
        if (userName != null) {
            List<Person> match = repository.findByOrgIdAndUserName(orgId, userName).stream().toList();
            page = match.stream().skip(start - 1L).limit(size).toList();
            total = match.size();
        } else if (size == 0) {
            page = List.of();
            total = repository.findByOrgId(orgId, PageRequest.of(0, 1, sort)).getTotalElements();
        } else {
            // startIndex need not fall on a page boundary: read the pages that cover it and cut.
            int first = (start - 1) / size;
            Page<Person> a = repository.findByOrgId(orgId, PageRequest.of(first, size, sort));
            List<Person> items = new java.util.ArrayList<>(a.getContent());
            if ((start - 1) % size != 0 && a.hasNext()) {
                items.addAll(repository.findByOrgId(orgId, PageRequest.of(first + 1, size, sort)).getContent());
            }
            page = items.stream().skip((start - 1) % size).limit(size).toList();
            total = a.getTotalElements();
        }
        ObjectNode body = json.createObjectNode();
        body.putArray("schemas").add(ScimUsers.LIST_SCHEMA);
        body.put("totalResults", total).put("startIndex", start).put("itemsPerPage", page.size());
        ArrayNode resources = body.putArray("Resources");
        page.forEach(p -> resources.add(scim.toScim(p)));
        return ok(body);
    }

    /** Replaces what SCIM owns of the user; the person's own preferences (mentoring opt-in) are kept. */
    @AllowedCallers(roles = Caller.LD_ADMIN, scopes = Scopes.PEOPLE_WRITE)
    @PutMapping("/{id}")
    ResponseEntity<JsonNode> replace(@CurrentOrg String orgId, @PathVariable String id, @RequestBody JsonNode body) {
        Person current = find(orgId, id);
        return ok(scim.toScim(people.replace(orgId, id, scim.fromScim(body, current))));
    }

    @AllowedCallers(roles = Caller.LD_ADMIN, scopes = Scopes.PEOPLE_WRITE)
    @PatchMapping("/{id}")
    ResponseEntity<JsonNode> patch(@CurrentOrg String orgId, @PathVariable String id, @RequestBody JsonNode body) {
        Person current = find(orgId, id);
        ObjectNode patched = scim.patch(scim.toScim(current), body);
        return ok(scim.toScim(people.replace(orgId, id, scim.fromScim(patched, current))));
    }

    /** Deprovisioning erases the person: see {@link PeopleService#erase}. */
    @AllowedCallers(roles = Caller.LD_ADMIN, scopes = Scopes.PEOPLE_WRITE)
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@CurrentOrg String orgId, @PathVariable String id) {
        people.erase(orgId, id);
        return ResponseEntity.noContent().build();
    }

    private Person find(String orgId, String id) {
        return people.find(orgId, id).orElseThrow(() -> new ScimException(HttpStatus.NOT_FOUND, null,
                "id: no User " + id));
    }

    private static ResponseEntity<JsonNode> ok(ObjectNode body) {
        return ResponseEntity.ok().contentType(ScimErrors.SCIM_JSON).body(body);
    }
}
