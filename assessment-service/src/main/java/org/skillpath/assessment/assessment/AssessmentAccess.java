package org.skillpath.assessment.assessment;

import org.skillpath.assessment.people.PeopleAccess;
import org.skillpath.assessment.people.PeopleService;
import org.skillpath.kit.security.Caller;
import org.skillpath.kit.security.Callers;
import org.skillpath.kit.web.ApiException;
import org.springframework.stereotype.Component;

/**
 * Who may see and start assessments. Results (scores, gaps, growth, disclosed comments) are for the person
 * assessed, their manager (and skip-level manager when configured) and L&D admins; to anyone else an
 * assessment does not exist. A 360 is requested by the person themselves, their manager or an L&D admin.
 * Raters reach only their own invitation (see {@link AssessmentService#questionnaire}); what one rater answered
 * is shown to nobody else, admins included.
 */
@Component
class AssessmentAccess {

    private final AssessmentService assessments;
    private final PeopleService people;
    private final PeopleAccess access;

    AssessmentAccess(AssessmentService assessments, PeopleService people, PeopleAccess access) {
        this.assessments = assessments;
        this.people = people;
        this.access = access;
    }

    /** The assessment if the caller may see its results; 404 otherwise, as for a missing one. */
    Assessment visible(Caller caller, String orgId, String id) {
        Assessment a = assessments.find(orgId, id);
        if (caller.isAdmin() || mayFollow(caller, orgId, a.getPersonId())) {
            return a;
        }
        throw ApiException.notFound("assessment", id);
    }

    /** The person themselves or their line: anonymised assessments (of erased people) match no one. */
    boolean mayFollow(Caller caller, String orgId, String personId) {
        return people.find(orgId, personId).map(p -> access.relation(caller, p) != PeopleAccess.Relation.NONE)
                .orElse(false);
    }

    boolean personExists(String orgId, String personId) {
        return people.find(orgId, personId).isPresent();
    }

    /** Refuses (403) unless the caller is the person to be assessed, their manager or an L&D admin. */
    void requireMayRequestFor(Caller caller, String orgId, String personId) {
        if (caller.isAdmin() || caller.is(personId) || people.find(orgId, personId)
                .map(p -> access.relation(caller, p) == PeopleAccess.Relation.MANAGER).orElse(false)) {
            return;
        }
        throw Callers.forbidden("requires being the person assessed, their manager or the role " + Caller.LD_ADMIN);
    }
}
