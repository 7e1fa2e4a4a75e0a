package org.skillpath.plan.mentoring;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.skillpath.kit.security.Caller;
import org.skillpath.kit.security.Callers;
import org.skillpath.kit.security.CurrentCaller;
import org.skillpath.kit.web.ApiException;
import org.skillpath.kit.web.CurrentOrg;
import org.skillpath.kit.web.PageResponse;
import org.skillpath.plan.people.PeopleAccess;
import org.skillpath.plan.people.PersonView;
import org.skillpath.plan.people.PersonViews;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The organisation's mentor pool: who opted in, their strengths and load; and each mentor's capacity. */
@RestController
@RequestMapping("/api/mentors")
class MentorController {

    record MentorResponse(String personId, String displayName, List<PersonView.Strength> strengths, int capacity,
                          int mentees, int spare) {
    }

    record Capacity(@NotNull @Min(0) @Max(20) Integer maxMentees) {
    }

    private final PersonViews people;
    private final PeopleAccess access;
    private final MentorPool pool;

    MentorController(PersonViews people, PeopleAccess access, MentorPool pool) {
        this.people = people;
        this.access = access;
        this.pool = pool;
    }

    /**
     * Opted-in active mentors by person id; {@code skillId} keeps those at level 4 or more in it. An organisation-wide
     * view of assessed strengths, so it is the L&D admins'.
     */
    @GetMapping
    PageResponse<MentorResponse> list(@CurrentCaller Caller caller, @CurrentOrg String orgId,
                                      @RequestParam(required = false) @Size(min = 1, max = 100) String skillId,
                                      @RequestParam(defaultValue = "0") @Min(0) int page,
                                      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        Callers.requireRole(Caller.LD_ADMIN);
        List<MentorResponse> all = people.mentors(orgId).stream()
                .filter(p -> skillId == null || p.strengthLevels().getOrDefault(skillId, 0.0) >= 4)
                .map(this::response).toList();
        int from = Math.min(all.size(), page * size);
        return PageResponse.of(new PageImpl<>(all.subList(from, Math.min(all.size(), from + size)),
                PageRequest.of(page, size), all.size()));
    }

    /**
     * The mentor sets how many mentees they take, or an L&D admin does; lowering the capacity below the current
     * mentees keeps them, it only stops new matches.
     */
    @PutMapping("/{personId}/capacity")
    MentorResponse capacity(@CurrentCaller Caller caller, @CurrentOrg String orgId,
                            @PathVariable @Size(max = 100) String personId, @Valid @RequestBody Capacity capacity) {
        PeopleAccess.Relation relation = access.relationToKnown(caller, personId);
        if (!relation.sees()) {
            throw ApiException.notFound("person", personId);
        }
        if (relation != PeopleAccess.Relation.SELF && !caller.isAdmin()) {
            throw Callers.forbidden("only the mentor or an L&D admin (role LD_ADMIN) sets a mentor's capacity");
        }
        PersonView updated = people.setMentorCapacity(orgId, personId, capacity.maxMentees());
        if (updated == null) {
            throw ApiException.notFound("person", personId);
        }
        return response(updated);
    }

    private MentorResponse response(PersonView p) {
        return new MentorResponse(p.personId(), p.displayName(), p.strengths(), pool.capacityOf(p), p.menteeCount(),
                pool.spare(p));
    }
}
