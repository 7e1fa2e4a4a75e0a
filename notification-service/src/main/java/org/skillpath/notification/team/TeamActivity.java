package org.skillpath.notification.team;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One thing that happened on a person's plan, kept for their manager's weekly digest: the service knows it
 * only from the events it consumes. One document per causing event (its id derives from it).
 *
 * @param date the due date (overdue), or the reassessment date
 */
@Document(TeamActivity.COLLECTION)
@CompoundIndex(name = "org_person_at", def = "{'orgId': 1, 'personId': 1, 'at': 1}")
public record TeamActivity(@Id String id, String orgId, String personId, Type type, String planId, String stepId,
                           String title, LocalDate date, Integer progressPercent, Instant at) {

    static final String COLLECTION = "team_activity";

    public enum Type {
        PLAN_STARTED,
        STEP_COMPLETED,
        STEP_OVERDUE,
        PLAN_COMPLETED,
        REASSESSMENT_DUE
    }
}
