package org.skillpath.assessment.assessment;

import java.time.Clock;
import java.util.List;

import org.skillpath.assessment.people.PersonErased;
import org.springframework.context.event.EventListener;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Keeps an erased person's results only in anonymised form: their own assessments move to the erasure's
 * pseudonym without rater ids or comments (open ones are closed); in assessments of others the erased person
 * stays a counted rating without a rater id or comments, and an invitation they had not answered is withdrawn.
 * Idempotent, as the erasure job may run it again.
 */
@Component
class AssessmentErasure {

    private final MongoTemplate mongo;
    private final AssessmentRepository assessments;
    private final AssessmentService service;
    private final Clock clock;

    AssessmentErasure(MongoTemplate mongo, AssessmentRepository assessments, AssessmentService service, Clock clock) {
        this.mongo = mongo;
        this.assessments = assessments;
        this.service = service;
        this.clock = clock;
    }

    @EventListener
    void on(PersonErased erased) {
        List<Assessment> concerned = mongo.find(Query.query(Criteria.where("orgId").is(erased.orgId()).orOperator(
                Criteria.where("personId").is(erased.personId()),
                Criteria.where("invitations.raterId").is(erased.personId()),
                Criteria.where("responses.raterId").is(erased.personId()),
                Criteria.where("ratings.raterId").is(erased.personId()))), Assessment.class);
        for (Assessment found : concerned) {
            for (int attempt = 1; ; attempt++) {
                Assessment a = attempt == 1 ? found : assessments.findById(found.getId()).orElse(null);
                if (a == null) {
                    break;
                }
                if (a.getPersonId().equals(erased.personId())) {
                    a.anonymiseSubject(erased.pseudonym(), clock.instant());
                } else {
                    a.forgetRaters(erased.personId());
                    service.finishIfEveryoneAnswered(a);
                }
                try {
                    assessments.save(a);
                    break;
                } catch (OptimisticLockingFailureException e) {
                    if (attempt >= 5) {
                        throw e;
                    }
                }
            }
        }
    }
}
