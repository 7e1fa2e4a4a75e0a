package org.skillpath.assessment.people;

import java.util.Optional;
import java.util.function.BiFunction;

import org.skillpath.assessment.security.Scopes;
import org.skillpath.kit.security.Caller;
import org.skillpath.kit.web.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who may see which person. L&D admins and integration clients with a people scope see the whole directory of
 * their organisation; a person sees themselves, a manager their direct reports, and their reports' reports
 * only when {@code skillpath.access.skip-level-read} is on (read-only). Everyone else is told the person does
 * not exist, exactly as for a missing one, and another organisation's people are never found at all, as
 * every lookup is scoped by the caller's organisation.
 */
@Component
public class PeopleAccess {

    /** How a person caller stands to a person of the directory. */
    public enum Relation { SELF, MANAGER, SKIP_LEVEL_MANAGER, NONE }

    private final PersonRepository people;
    private final boolean skipLevelRead;

    PeopleAccess(PersonRepository people, @Value("${skillpath.access.skip-level-read:false}") boolean skipLevelRead) {
        this.people = people;
        this.skipLevelRead = skipLevelRead;
    }

    public Relation relation(Caller caller, Person person) {
        return relation(caller, person, skipLevelRead, (id, org) -> people.findByIdAndOrgId(id, org));
    }

    static Relation relation(Caller caller, Person person, boolean skipLevelRead,
                             BiFunction<String, String, Optional<Person>> lookup) {
        if (!caller.isPerson() || !caller.orgId().equals(person.getOrgId())) {
            return Relation.NONE;
        }
        if (caller.is(person.getId())) {
            return Relation.SELF;
        }
        if (caller.subject().equals(person.getManagerId())) {
            return Relation.MANAGER;
        }
        if (skipLevelRead && person.getManagerId() != null && lookup.apply(person.getManagerId(), person.getOrgId())
                .map(Person::getManagerId).filter(caller.subject()::equals).isPresent()) {
            return Relation.SKIP_LEVEL_MANAGER;
        }
        return Relation.NONE;
    }

    /** Admins and people-scoped clients: the whole directory of their organisation. */
    static boolean seesDirectory(Caller caller) {
        return caller.isAdmin() || caller.hasScope(Scopes.PEOPLE_READ) || caller.hasScope(Scopes.PEOPLE_WRITE);
    }

    /** Admins and the provisioning client: may create, change and erase anyone of their organisation. */
    public static boolean managesDirectory(Caller caller) {
        return caller.isAdmin() || caller.hasScope(Scopes.PEOPLE_WRITE);
    }

    /** True when the caller may read the person (the person themselves, their line, or the directory's keepers). */
    boolean mayRead(Caller caller, Person person) {
        return seesDirectory(caller) || relation(caller, person) != Relation.NONE;
    }

    /** The person if the caller may read them; otherwise 404, the same answer as for a missing person. */
    public Person readable(Caller caller, String orgId, String id) {
        return people.findByIdAndOrgId(id, orgId).filter(p -> mayRead(caller, p))
                .orElseThrow(() -> ApiException.notFound("person", id));
    }
}
