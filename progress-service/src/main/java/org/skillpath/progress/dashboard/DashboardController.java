package org.skillpath.progress.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.skillpath.kit.web.ApiException;
import org.skillpath.kit.web.CurrentOrg;
import org.skillpath.progress.access.ActingPeople;
import org.skillpath.progress.people.PersonView;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The manager dashboard: a manager's team, one report in detail, and the organisation for L&D admins. Served
 * from the read model alone (no calls to other services). Who asks comes from {@code X-Person-Id} (and
 * {@code X-Person-Roles} for L&D admins) until tokens carry it.
 */
@RestController
@RequestMapping("/api/dashboard")
class DashboardController {

    private final MongoTemplate mongo;
    private final ActingPeople people;
    private final Clock clock;

    DashboardController(MongoTemplate mongo, ActingPeople people, Clock clock) {
        this.mongo = mongo;
        this.people = people;
        this.clock = clock;
    }

    /** A manager's direct reports: each one's active plan, progress, overdue steps, top gaps, last activity. */
    @GetMapping("/team")
    DashboardViews.TeamOverview team(@CurrentOrg String orgId,
                                     @RequestHeader(name = ActingPeople.HEADER, required = false) String actor,
                                     @RequestHeader(name = ActingPeople.ROLES_HEADER, required = false) String roles,
                                     @RequestParam(required = false) @Size(max = 128) String managerId,
                                     @RequestParam(defaultValue = "false") boolean overdueOnly,
                                     @RequestParam(required = false) @Size(max = 200) String skillId,
                                     @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                     @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        PersonView reader = people.require(orgId, actor);
        String manager = managerId == null || managerId.isBlank() ? reader.personId() : managerId;
        if (!manager.equals(reader.personId()) && !ActingPeople.isLdAdmin(roles)) {
            throw ActingPeople.forbidden(ActingPeople.HEADER, "a manager sees their own team");
        }
        List<DashboardMember> team = mongo.find(Query.query(Criteria.where("orgId").is(orgId).and("managerId").is(manager)
                .and("active").ne(false)), DashboardMember.class);
        LocalDate today = LocalDate.now(clock);
        return new DashboardViews.TeamOverview(manager, team.size(), DashboardViews.aggregates(team, today),
                DashboardViews.page(team, new DashboardViews.Filter(overdueOnly, blankToNull(skillId)), today, page, size));
    }

    /** One person in detail: every plan step by step, levels per skill, growth. */
    @GetMapping("/people/{personId}")
    DashboardViews.MemberDetail person(@CurrentOrg String orgId, @PathVariable String personId,
                                       @RequestHeader(name = ActingPeople.HEADER, required = false) String actor,
                                       @RequestHeader(name = ActingPeople.ROLES_HEADER, required = false) String roles) {
        PersonView reader = people.require(orgId, actor);
        DashboardMember member = mongo.findOne(Query.query(Criteria.where("_id").is(personId).and("orgId").is(orgId)),
                DashboardMember.class);
        if (member == null) {
            throw ApiException.notFound("person", personId);
        }
        boolean allowed = reader.personId().equals(personId) || reader.personId().equals(member.managerId())
                || ActingPeople.isLdAdmin(roles);
        if (!allowed) {
            throw ActingPeople.forbidden(ActingPeople.HEADER, "only the person, their manager or an L&D admin");
        }
        return DashboardViews.detail(member, LocalDate.now(clock));
    }

    /** The organisation for L&D admins: everyone (or a department, or a manager's team) with the aggregates. */
    @GetMapping("/organisation")
    DashboardViews.OrganisationOverview organisation(@CurrentOrg String orgId,
                                                     @RequestHeader(name = ActingPeople.HEADER, required = false) String actor,
                                                     @RequestHeader(name = ActingPeople.ROLES_HEADER, required = false) String roles,
                                                     @RequestParam(required = false) @Size(max = 200) String department,
                                                     @RequestParam(required = false) @Size(max = 128) String managerId,
                                                     @RequestParam(defaultValue = "false") boolean overdueOnly,
                                                     @RequestParam(required = false) @Size(max = 200) String skillId,
                                                     @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                                     @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        people.require(orgId, actor);
        if (!ActingPeople.isLdAdmin(roles)) {
            throw ActingPeople.forbidden(ActingPeople.ROLES_HEADER, "the organisation view is for L&D admins");
        }
        Criteria criteria = Criteria.where("orgId").is(orgId).and("active").ne(false).and("displayName").ne(null);
        if (department != null && !department.isBlank()) {
            criteria = criteria.and("department").is(department);
        }
        if (managerId != null && !managerId.isBlank()) {
            criteria = criteria.and("managerId").is(managerId);
        }
        List<DashboardMember> members = mongo.find(Query.query(criteria), DashboardMember.class);
        LocalDate today = LocalDate.now(clock);
        return new DashboardViews.OrganisationOverview(DashboardViews.aggregates(members, today),
                DashboardViews.page(members, new DashboardViews.Filter(overdueOnly, blankToNull(skillId)), today, page, size));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
