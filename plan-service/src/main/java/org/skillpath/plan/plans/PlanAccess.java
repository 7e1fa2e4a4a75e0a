package org.skillpath.plan.plans;

import org.skillpath.kit.security.Caller;
import org.skillpath.kit.security.Callers;
import org.skillpath.kit.web.ApiException;
import org.skillpath.plan.people.PeopleAccess;
import org.springframework.stereotype.Component;

/**
 * Who may do what with a plan. Its owner and the owner's manager see it and act on it (the owner as PERSON, the
 * manager as MANAGER); the skip-level manager (when configured) and L&D admins only read it; for anyone else,
 * a mentor included, it does not exist (404, like a plan of another organisation).
 */
@Component
class PlanAccess {

    private final PlanLifecycle lifecycle;
    private final PeopleAccess people;

    PlanAccess(PlanLifecycle lifecycle, PeopleAccess people) {
        this.lifecycle = lifecycle;
        this.people = people;
    }

    /** The plan, when the caller may see it. */
    Plan readable(Caller caller, String planId) {
        Plan plan = lifecycle.get(PeopleAccess.requirePerson(caller).orgId(), planId);
        if (!people.relation(caller, plan.getPersonId()).sees()) {
            throw ApiException.notFound("plan", planId);
        }
        return plan;
    }

    /** Who the caller acts as on the plan: its owner or the owner's manager; readers are refused. */
    Actor actor(Caller caller, String planId, String action) {
        Plan plan = lifecycle.get(PeopleAccess.requirePerson(caller).orgId(), planId);
        return switch (people.relation(caller, plan.getPersonId())) {
            case SELF -> Actor.PERSON;
            case MANAGER -> Actor.MANAGER;
            case READER -> throw Callers.forbidden("only the plan's owner or the owner's manager may " + action
                    + " it");
            case NONE -> throw ApiException.notFound("plan", planId);
        };
    }

    /** Swaps waiting for approval are the owner's manager's to approve, nobody else's. */
    void requireManager(Caller caller, String planId) {
        Plan plan = lifecycle.get(PeopleAccess.requirePerson(caller).orgId(), planId);
        switch (people.relation(caller, plan.getPersonId())) {
            case MANAGER -> {
            }
            case SELF, READER -> throw Callers.forbidden("only the owner's manager approves a swap");
            case NONE -> throw ApiException.notFound("plan", planId);
        }
    }

    /** Listing plans: one visible person's, or the whole organisation's for L&D admins. */
    void requireList(Caller caller, String personId) {
        PeopleAccess.requirePerson(caller);
        if (personId == null) {
            if (!caller.isAdmin()) {
                throw Callers.forbidden("the organisation's plans require the role LD_ADMIN; pass personId for "
                        + "your own or a report's");
            }
        } else if (!people.relationToKnown(caller, personId).sees()) {
            throw ApiException.notFound("person", personId);
        }
    }
}
