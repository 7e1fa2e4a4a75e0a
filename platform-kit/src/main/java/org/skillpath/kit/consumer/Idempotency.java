package org.skillpath.kit.consumer;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The two idempotent-consumer patterns, both a single atomic write (never check-then-act):
 * <ul>
 *   <li>{@link #insertOnce}: the document's id derives from the causing event, so a redelivery collides with
 *   the unique {@code _id} and changes nothing;</li>
 *   <li>{@link #applyOnce}: the update matches only while the event's key is not yet recorded in the document,
 *   and records it in the same update.</li>
 * </ul>
 */
public final class Idempotency {

    public static final String PROCESSED = "processedEvents";
    /** How many processed event keys a document remembers; older redeliveries are stopped by offsets. */
    public static final int REMEMBERED = 500;

    private Idempotency() {
    }

    /** Inserts the document; returns false when a document with its (deterministic) id exists already. */
    public static boolean insertOnce(MongoTemplate mongo, Object document) {
        try {
            mongo.insert(document);
            return true;
        } catch (DuplicateKeyException alreadyThere) {
            return false;
        }
    }

    /**
     * Applies {@code update} to the document {@code id} unless {@code eventKey} was applied before.
     *
     * @return true when applied now; false when already applied (or no such document)
     */
    public static boolean applyOnce(MongoTemplate mongo, Class<?> type, Object id, String eventKey, Update update) {
        Query query = new Query(Criteria.where("_id").is(id).and(PROCESSED).ne(eventKey));
        update.push(PROCESSED).slice(-REMEMBERED).each(eventKey);
        return mongo.updateFirst(query, update, type).getModifiedCount() == 1;
    }
}
