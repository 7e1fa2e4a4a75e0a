package org.skillpath.progress.access;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.skillpath.kit.security.Caller;
import org.skillpath.kit.security.Callers;
import org.skillpath.progress.people.PersonView;
import org.skillpath.progress.progress.PlanProgress;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Who the caller is to the person whose progress they touch: the token says who calls, in which organisation and
 * with which roles; this service's copy of the people directory says who manages whom. The rules every feature
 * shares live here:
 * <ul>
 *   <li>the caller must be a person (integration clients have their own endpoints) known and active in the
 *   directory of the token's organisation, so a deactivated person's still unexpired token does nothing;</li>
 *   <li>manager rights need both the MANAGER role and the directory's reporting line; the manager of a person's
 *   manager reads (never changes) that person's progress only when {@value #SKIP_LEVEL_READ} is on;</li>
 *   <li>L&amp;D admins read organisation-wide views; mentors only the plans they mentor.</li>
 * </ul>
 * Everything is looked up within the token's organisation, so another organisation's people never relate.
 */
@Component
public class Access {

    public static final String SKIP_LEVEL_READ = "skillpath.access.skip-level-read";

    /** How a caller relates to a person (or, for MENTOR, to one of the person's plans). */
    public enum Relation {
        SELF,
        MANAGER,
        /** The manager of the person's manager, with skip-level reading on: read-only. */
        SKIP_LEVEL_MANAGER,
        MENTOR,
        ADMIN
    }

    private final MongoTemplate mongo;
    private final Environment environment;

    Access(MongoTemplate mongo, Environment environment) {
        this.mongo = mongo;
        this.environment = environment;
    }

    /** The calling person, known and active in the organisation's directory; everyone else is refused (403). */
    public PersonView actor(Caller caller) {
        if (!caller.isPerson()) {
            throw Callers.forbidden("requires a person's token (integration clients have their own endpoints)");
        }
        PersonView person = person(caller.orgId(), caller.subject()).orElseThrow(() -> Callers.forbidden(
                "the caller is not a person of this organisation's directory"));
        if (!person.active()) {
            throw Callers.forbidden("the caller is no longer an active person of this organisation");
        }
        return person;
    }

    public Optional<PersonView> person(String orgId, String personId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("_id").is(personId).and("orgId").is(orgId)),
                PersonView.class));
    }

    /**
     * The caller's relations to a person, from the token and the directory: SELF, MANAGER, SKIP_LEVEL_MANAGER,
     * ADMIN (for people of the caller's organisation's directory). Empty when the person is none of the caller's
     * business; mentoring is a relation to plans, see {@link #mentors}.
     */
    public Set<Relation> relations(Caller caller, String personId) {
        Set<Relation> relations = EnumSet.noneOf(Relation.class);
        if (caller.is(personId)) {
            relations.add(Relation.SELF);
        }
        Optional<PersonView> person = person(caller.orgId(), personId);
        if (person.isEmpty()) {
            return relations;
        }
        if (caller.isAdmin()) {
            relations.add(Relation.ADMIN);
        }
        String managerId = person.get().managerId();
        if (managerId != null && caller.hasRole(Caller.MANAGER)) {
            if (caller.is(managerId)) {
                relations.add(Relation.MANAGER);
            } else if (skipLevelRead() && person(caller.orgId(), managerId)
                    .map(manager -> caller.is(manager.managerId())).orElse(false)) {
                relations.add(Relation.SKIP_LEVEL_MANAGER);
            }
        }
        return relations;
    }

    /** The caller's relations to a plan: to its owner, plus MENTOR for the plan's mentors. */
    public Set<Relation> relations(Caller caller, PlanProgress plan) {
        Set<Relation> relations = relations(caller, plan.getPersonId());
        if (caller.isPerson() && plan.getMentorIds().contains(caller.subject())) {
            relations.add(Relation.MENTOR);
        }
        return relations;
    }

    /** The caller mentors at least one of the person's plans. */
    public boolean mentors(Caller caller, String personId) {
        return caller.isPerson() && mongo.exists(Query.query(Criteria.where("orgId").is(caller.orgId())
                .and("personId").is(personId).and("mentorIds").is(caller.subject())), PlanProgress.class);
    }

    /** Read per request, so that switching it needs no restart (and tests can show both answers). */
    public boolean skipLevelRead() {
        return environment.getProperty(SKIP_LEVEL_READ, Boolean.class, false);
    }
}
