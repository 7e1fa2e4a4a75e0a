package org.skillpath.progress.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.skillpath.kit.security.Caller;
import org.skillpath.kit.security.Callers;
import org.skillpath.kit.security.CurrentCaller;
import org.skillpath.kit.web.ApiException;
import org.skillpath.progress.access.Access;
import org.skillpath.progress.access.Access.Relation;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The manager dashboard: a manager's team, one person in detail, and the organisation for L&D admins. Served
 * from the read model alone (no calls to other services), for the token's caller (see {@link Access}): a
 * manager sees their direct reports (and, with skip-level reading on, their reports' teams and people, read
 * only); an L&D admin the whole organisation; an employee only their own detail.
 */
@RestController
@RequestMapping("/api/dashboard")
class DashboardController {

    private final MongoTemplate mongo;
    private final Access access;
    private final Clock clock;

    DashboardController(MongoTemplate mongo, Access access, Clock clock) {
        this.mongo = mongo;
        this.access = access;
        this.clock = clock;
    }

    /**
     * A manager's direct reports: each one's active plan, progress, overdue steps, top gaps, last activity.
     * {@code managerId} names another manager's team: any in the organisation for L&D admins, a direct report's
     * for a manager when skip-level reading is on.
     */
    @GetMapping("/team")
    DashboardViews.TeamOverview team(@CurrentCaller Caller caller,
                                     @RequestParam(required = false) @Size(max = 128) String managerId,
                                     @RequestParam(defaultValue = "false") boolean overdueOnly,
                                     @RequestParam(required = false) @Size(max = 200) String skillId,
                                     @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                     @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        access.actor(caller);
        if (!caller.hasRole(Caller.MANAGER) && !caller.isAdmin()) {
            throw Callers.forbidden("requires the role MANAGER or LD_ADMIN");
        }
        String manager = managerId == null || managerId.isBlank() ? caller.subject() : managerId;
        if (!caller.is(manager)) {
            requireTeamVisible(caller, manager);
        }
        List<DashboardMember> team = mongo.find(Query.query(Criteria.where("orgId").is(caller.orgId())
                .and("managerId").is(manager).and("active").ne(false)), DashboardMember.class);
        LocalDate today = LocalDate.now(clock);
        return new DashboardViews.TeamOverview(manager, team.size(), DashboardViews.aggregates(team, today),
                DashboardViews.page(team, new DashboardViews.Filter(overdueOnly, blankToNull(skillId)), today, page, size));
    }

    private void requireTeamVisible(Caller caller, String manager) {
        Set<Relation> relations = access.relations(caller, manager);
        if (relations.contains(Relation.ADMIN)) {
            return;
        }
        if (relations.isEmpty()) {
            throw ApiException.notFound("person", manager);
        }
        if (!relations.contains(Relation.MANAGER) || !access.skipLevelRead()) {
            throw Callers.forbidden("a manager sees their own team, and their reports' teams only with skip-level "
                    + "reading (" + Access.SKIP_LEVEL_READ + ")");
        }
    }

    /**
     * One person in detail: every plan step by step, levels per skill, growth. For the person, their manager
     * (skip-level if enabled) and L&D admins; a mentor, who sees the person's mentored plan, is refused here.
     */
    @GetMapping("/people/{personId}")
    DashboardViews.MemberDetail person(@CurrentCaller Caller caller, @PathVariable String personId) {
        access.actor(caller);
        Set<Relation> relations = access.relations(caller, personId);
        if (relations.isEmpty()) {
            if (access.mentors(caller, personId)) {
                throw Callers.forbidden("the dashboard detail is for the person, their manager and L&D admins");
            }
            throw ApiException.notFound("person", personId);
        }
        DashboardMember member = mongo.findOne(Query.query(Criteria.where("_id").is(personId)
                .and("orgId").is(caller.orgId())), DashboardMember.class);
        if (member == null) {
            throw ApiException.notFound("person", personId);
        }
        return DashboardViews.detail(member, LocalDate.now(clock));
    }

    /** The organisation for L&D admins: everyone (or a department, or a manager's team) with the aggregates. */
    @GetMapping("/organisation")
    DashboardViews.OrganisationOverview organisation(@CurrentCaller Caller caller,
                                                     @RequestParam(required = false) @Size(max = 200) String department,
                                                     @RequestParam(required = false) @Size(max = 128) String managerId,
                                                     @RequestParam(defaultValue = "false") boolean overdueOnly,
                                                     @RequestParam(required = false) @Size(max = 200) String skillId,
                                                     @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                                     @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        access.actor(caller);
        if (!caller.isAdmin()) {
            throw Callers.forbidden("requires the role LD_ADMIN: the organisation view is for L&D admins");
        }
        Criteria criteria = Criteria.where("orgId").is(caller.orgId()).and("active").ne(false).and("displayName").ne(null);
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
