package org.skillpath.plan.people;

import java.util.Optional;

import org.skillpath.kit.security.Caller;
import org.skillpath.kit.security.Callers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How the caller stands to a person of their organisation, from the reporting lines of the people view: the
 * person themselves, their manager (direct, with the MANAGER role), a reader (their manager's manager when
 * skip-level reading is on, or an L&D admin), or nobody. Every query is confined to the caller's organisation, so
 * a person of another organisation is nobody's.
 */
@Component
public class PeopleAccess {

    /** The strongest relation wins: a manager who is also an L&D admin acts as the manager. */
    public enum Relation {
        /** The person: their plan, their preferences. */
        SELF,
        /** Their direct manager: sees, and acts where the plan rules let a manager act. */
        MANAGER,
        /** Sees, never changes: the skip-level manager (when configured) or an L&D admin. */
        READER,
        /** Not visible: answered as if it did not exist. */
        NONE;

        public boolean sees() {
            return this != NONE;
        }
    }

    private final PersonViews people;
    private volatile boolean skipLevelRead;

    PeopleAccess(PersonViews people, @Value("${skillpath.access.skip-level-read:false}") boolean skipLevelRead) {
        this.people = people;
        this.skipLevelRead = skipLevelRead;
    }

    /** Switches skip-level reading while running; the property only gives the value at start-up. */
    void skipLevelRead(boolean allowed) {
        this.skipLevelRead = allowed;
    }

    /** Refuses (403) integration clients: people's plans and preferences are for people only. */
    public static Caller requirePerson(Caller caller) {
        if (caller.client()) {
            throw Callers.forbidden("requires a person's token (role EMPLOYEE, MANAGER or LD_ADMIN)");
        }
        return caller;
    }

    /**
     * The caller's relation to a person of the caller's organisation (the caller's query found them there, e.g. as
     * the owner of a plan of that organisation). A directory manager whose token lacks the
     * MANAGER role is refused (403) rather than treated as a stranger, so the missing role is what they are told.
     */
    public Relation relation(Caller caller, String personId) {
        requirePerson(caller);
        if (caller.is(personId)) {
            return Relation.SELF;
        }
        Optional<PersonView> person = people.find(caller.orgId(), personId);
        String managerId = person.map(PersonView::managerId).orElse(null);
        if (managerId != null && caller.is(managerId)) {
            return asManager(caller, Relation.MANAGER);
        }
        if (skipLevelRead && managerId != null && people.find(caller.orgId(), managerId)
                .map(PersonView::managerId).filter(caller::is).isPresent()) {
            return asManager(caller, Relation.READER);
        }
        return caller.isAdmin() ? Relation.READER : Relation.NONE;
    }

    /**
     * The relation to a person named by the request, who must be known in the caller's organisation: a person
     * plan-service does not know there (another organisation's, or nobody's) is NONE for everyone.
     */
    public Relation relationToKnown(Caller caller, String personId) {
        requirePerson(caller);
        return people.find(caller.orgId(), personId).isPresent() ? relation(caller, personId) : Relation.NONE;
    }

    private static Relation asManager(Caller caller, Relation relation) {
        if (caller.hasRole(Caller.MANAGER)) {
            return relation;
        }
        if (caller.isAdmin()) {
            return Relation.READER;
        }
        throw Callers.forbidden("requires the role MANAGER (the directory names the caller as a manager of this "
                + "person, the token does not)");
    }
}
