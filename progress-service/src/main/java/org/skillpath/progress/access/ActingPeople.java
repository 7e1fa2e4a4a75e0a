package org.skillpath.progress.access;

import java.util.List;
import java.util.Optional;

import org.skillpath.kit.web.ApiException;
import org.skillpath.kit.web.FieldProblem;
import org.skillpath.progress.people.PersonView;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who is acting, and how they relate to the person whose progress they touch. Until the security issue lands
 * the acting person travels in the {@code X-Person-Id} header (and an L&D administrator says so in
 * {@code X-Person-Roles}); tokens will carry both as claims, and this class is the one place that changes then.
 * The relationships themselves (self, manager per the people directory, the plan's mentor) stay as they are.
 */
@Component
public class ActingPeople {

    public static final String HEADER = "X-Person-Id";
    public static final String ROLES_HEADER = "X-Person-Roles";
    public static final String LD_ADMIN = "ld-admin";

    private final MongoTemplate mongo;

    ActingPeople(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The acting person: present, and an active person of this organisation's directory. */
    public PersonView require(String orgId, String personIdHeader) {
        if (personIdHeader == null || personIdHeader.isBlank()) {
            throw ApiException.badRequest(HEADER, "required: the person acting");
        }
        if (personIdHeader.length() > 128) {
            throw ApiException.badRequest(HEADER, "at most 128 characters");
        }
        PersonView person = person(orgId, personIdHeader).orElseThrow(() -> forbidden(HEADER,
                "not a person of this organisation"));
        if (!person.active()) {
            throw forbidden(HEADER, "this person is no longer active");
        }
        return person;
    }

    public Optional<PersonView> person(String orgId, String personId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("_id").is(personId).and("orgId").is(orgId)),
                PersonView.class));
    }

    /** The acting person is the given person's manager, per the people directory. */
    public boolean isManagerOf(String orgId, PersonView actor, String personId) {
        return person(orgId, personId).map(p -> actor.personId().equals(p.managerId())).orElse(false);
    }

    public static boolean isLdAdmin(String rolesHeader) {
        if (rolesHeader == null) {
            return false;
        }
        for (String role : rolesHeader.split(",")) {
            if (LD_ADMIN.equals(role.trim())) {
                return true;
            }
        }
        return false;
    }

    public static ApiException forbidden(String field, String reason) {
        return new ApiException(HttpStatus.FORBIDDEN, "Forbidden", field + ": " + reason,
                List.of(new FieldProblem(field, reason)));
    }
}
