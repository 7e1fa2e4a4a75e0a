package org.skillpath.notification.nudges;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.skillpath.kit.consumer.Idempotency;
import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.kit.events.InboundEvent;
import org.skillpath.kit.events.PoisonEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Records nudges as INTENDED, each by one insert under a deterministic id (cause + recipient + kind): a
 * redelivered cause collides on {@code _id} and changes nothing, so it never mails twice. No decision is taken
 * here; the dispatcher applies the policy when the nudge is due, with the recipient's current settings. The
 * nudge is inserted already leased to this instance's dispatcher, which takes it from memory: no claim.
 */
@Component
public class NudgeRecorder {

    private static final Logger log = LoggerFactory.getLogger(NudgeRecorder.class);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final NudgeDispatcher dispatcher;

    NudgeRecorder(MongoTemplate mongo, Clock clock, NudgeDispatcher dispatcher) {
        this.mongo = mongo;
        this.clock = clock;
        this.dispatcher = dispatcher;
    }

    /** The id of the nudge an inbound event causes for one recipient. */
    public static String idFor(InboundEvent cause, String recipientId, NudgeKind kind) {
        return DeterministicIds.of(cause.dedupKey(), recipientId, kind.name());
    }

    public boolean record(InboundEvent cause, String orgId, String recipientId, NudgeKind kind, NudgeModel model,
                          List<String> aboutPersonIds, Instant expiresAt) {
        String nudgeId = idFor(cause, recipientId, kind);
        boolean recorded = record(nudgeId, cause.id(), orgId, recipientId, kind, model, aboutPersonIds, expiresAt);
        // A redelivery finds its own nudge; another tenant's event that reuses the ids finds someone else's.
        if (!recorded && mongo.exists(new Query(Criteria.where("_id").is(nudgeId).and("orgId").ne(orgId)),
                Nudge.class)) {
            throw new PoisonEventException("organisation mismatch: " + cause.type() + " " + cause.id() + " of " + orgId
                    + " collides with nudge " + nudgeId + " of another organisation");
        }
        return recorded;
    }

    /** For nudges a job derives (escalations, manager digests): the caller supplies the deterministic id. */
    public boolean record(String nudgeId, String causeEventId, String orgId, String recipientId, NudgeKind kind,
                          NudgeModel model, List<String> aboutPersonIds, Instant expiresAt) {
        Nudge nudge = Nudge.intended(nudgeId, orgId, recipientId, kind, causeEventId, model,
                        clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .about(aboutPersonIds).expiringAt(expiresAt);
        // Inserted with this instance's lease, so the dispatcher handles it from memory without claiming it.
        boolean recorded = Idempotency.insertOnce(mongo, dispatcher.leaseForRecording(nudge));
        if (recorded) {
            dispatcher.wakeUp(nudge);
        } else {
            log.debug("nudge {} ({}) already recorded", nudgeId, kind);
        }
        return recorded;
    }
}
