package org.skillpath.progress.xapi;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Every statement an L&D platform sent, kept as received (plus what the LRS assigns: id, stored, version), with
 * the hash of its canonical content: the same id with the same content is accepted again without a second
 * effect, with other content it is a conflict. Statements that named no known person or step stay here with
 * that outcome, so they are reported, not lost.
 *
 * @param id            {@link #idOf} the organisation and the statement id: statement ids are chosen by the
 *                      senders, so two organisations' platforms may use the same one, and neither may see or
 *                      block the other's
 * @param statement     the statement's JSON (text: extension keys are IRIs, whose dots MongoDB field names dislike)
 * @param sentTimestamp the timestamp the sender gave, if any (compared as an instant)
 * @param processed     whether its effect on plans is done; a statement received again before that is finished
 */
@Document("xapi_statements")
@CompoundIndexes({
        @CompoundIndex(name = "org_outcome_stored", def = "{'orgId': 1, 'outcome': 1, 'storedAt': -1}"),
        @CompoundIndex(name = "org_person_stored", def = "{'orgId': 1, 'personId': 1, 'storedAt': -1}")
})
public record StoredStatement(@Id String id, String statementId, String orgId, String contentHash,
                              Instant sentTimestamp, String statement, String verbId, String activityId,
                              String accountHomePage, String accountName, String personId, Outcome outcome,
                              List<MatchedStep> matchedSteps, Instant storedAt, boolean processed) {

    public enum Outcome {
        RECEIVED,
        STEP_COMPLETED,
        ALREADY_COMPLETED,
        PROGRESS_RECORDED,
        FAILURE_RECORDED,
        /** A verb progress does not act on (attempted, experienced, ...): stored only. */
        VERB_NOT_TRACKED,
        /** No person of the organisation has the actor's account. */
        UNMATCHED_PERSON,
        /** The person has no open plan step with the statement's activity IRI. */
        UNMATCHED_STEP
    }

    public record MatchedStep(String planId, String stepId, String effect) {
    }

    /** Organisation ids have no '/', so the pair is unambiguous. */
    public static String idOf(String orgId, String statementId) {
        return orgId + "/" + statementId;
    }
}
