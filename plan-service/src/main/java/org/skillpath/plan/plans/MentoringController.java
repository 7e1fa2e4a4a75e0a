package org.skillpath.plan.plans;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.skillpath.kit.security.Caller;
import org.skillpath.kit.security.CurrentCaller;
import org.skillpath.kit.web.PageResponse;
import org.skillpath.plan.people.PeopleAccess;
import org.skillpath.plan.people.PersonView;
import org.skillpath.plan.people.PersonViews;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A mentor's view of their mentees: for each open plan that names the caller as a mentor, who the mentee is and
 * only the mentoring steps with the caller, never the rest of the plan (its gaps, other steps, notes).
 */
@RestController
@RequestMapping("/api/mentoring")
class MentoringController {

    private static final List<PlanStatus> OPEN = List.of(PlanStatus.PROPOSED, PlanStatus.ACTIVE);
    private static final Sort OLDEST_FIRST = Sort.by(Sort.Order.asc("createdAt"), Sort.Order.asc("_id"));

    record MentoringStep(String stepId, String title, String skillId, LocalDate startsOn, LocalDate dueOn,
                         boolean completed) {
    }

    record Mentee(String planId, String personId, String displayName, PlanStatus planStatus,
                  List<MentoringStep> steps) {
    }

    private final MongoTemplate mongo;
    private final PersonViews people;

    MentoringController(MongoTemplate mongo, PersonViews people) {
        this.mongo = mongo;
        this.people = people;
    }

    /** The caller's mentees in proposed and active plans, oldest plan first. */
    @GetMapping("/mentees")
    PageResponse<Mentee> mentees(@CurrentCaller Caller caller,
                                 @RequestParam(defaultValue = "0") @Min(0) int page,
                                 @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        String mentorId = PeopleAccess.requirePerson(caller).subject();
        Criteria criteria = Criteria.where("orgId").is(caller.orgId()).and("steps.mentorId").is(mentorId)
                .and("status").in(OPEN);
        PageRequest request = PageRequest.of(page, size, OLDEST_FIRST);
        long total = mongo.count(new Query(criteria), Plan.class);
        List<Mentee> items = mongo.find(new Query(criteria).with(request), Plan.class).stream()
                .map(plan -> mentee(plan, mentorId)).toList();
        return PageResponse.of(new PageImpl<>(items, request, total));
    }

    private Mentee mentee(Plan plan, String mentorId) {
        List<MentoringStep> steps = plan.getSteps().stream().filter(s -> mentorId.equals(s.mentorId()))
                .map(s -> new MentoringStep(s.stepId(), s.title(), s.skillId(), s.startsOn(), s.dueOn(),
                        plan.getCompletedStepIds().contains(s.stepId())))
                .toList();
        String name = people.find(plan.getOrgId(), plan.getPersonId()).map(PersonView::displayName).orElse(null);
        return new Mentee(plan.getId(), plan.getPersonId(), name, plan.getStatus(), steps);
    }
}
