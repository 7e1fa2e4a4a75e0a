package org.skillpath.plan.mentoring;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.skillpath.kit.web.ApiException;
import org.skillpath.kit.web.CurrentOrg;
import org.skillpath.kit.web.PageResponse;
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
    private final MentorPool pool;

    MentorController(PersonViews people, MentorPool pool) {
        this.people = people;
        this.pool = pool;
    }

    /** Opted-in active mentors by person id; {@code skillId} keeps those at level 4 or more in it. */
    @GetMapping
    PageResponse<MentorResponse> list(@CurrentOrg String orgId,
                                      @RequestParam(required = false) @Size(min = 1, max = 100) String skillId,
                                      @RequestParam(defaultValue = "0") @Min(0) int page,
                                      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        List<MentorResponse> all = people.mentors(orgId).stream()
                .filter(p -> skillId == null || p.strengthLevels().getOrDefault(skillId, 0.0) >= 4)
                .map(this::response).toList();
        int from = Math.min(all.size(), page * size);
        return PageResponse.of(new PageImpl<>(all.subList(from, Math.min(all.size(), from + size)),
                PageRequest.of(page, size), all.size()));
    }

    /** Lowering the capacity below the current mentees keeps them; it only stops new matches. */
    @PutMapping("/{personId}/capacity")
    MentorResponse capacity(@CurrentOrg String orgId, @PathVariable @Size(max = 100) String personId,
                            @Valid @RequestBody Capacity capacity) {
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
