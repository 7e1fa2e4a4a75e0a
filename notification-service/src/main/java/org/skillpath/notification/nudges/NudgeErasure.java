package org.skillpath.notification.nudges;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.skillpath.notification.policy.SuppressionReason;
import org.skillpath.notification.recipients.PersonErased;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Erasure of a person in the delivery log: every nudge still pending to or about them is suppressed (ERASED,
 * with {@code nudge.suppressed}); every nudge to or about them loses its content, and those addressed to them
 * move to a random pseudonym, so the log keeps its counts but nothing that leads back to the person. A nudge
 * already anonymised no longer matches, so a redelivered tombstone changes nothing.
 */
@Component
class NudgeErasure {

    private static final int ATTEMPTS = 5;
    private static final Logger log = LoggerFactory.getLogger(NudgeErasure.class);

    private final MongoTemplate mongo;
    private final NudgeEvents events;
    private final Clock clock;

    NudgeErasure(MongoTemplate mongo, NudgeEvents events, Clock clock) {
        this.mongo = mongo;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void onPersonErased(PersonErased erased) {
        Query concerned = new Query(Criteria.where("orgId").is(erased.orgId()).orOperator(
                Criteria.where("recipientId").is(erased.personId()), Criteria.where("aboutPersonIds").is(erased.personId())));
        concerned.fields().include("_id");
        List<String> ids = mongo.find(concerned, Nudge.class).stream().map(Nudge::getId).toList();
        String pseudonym = "erased-" + UUID.randomUUID();
        for (String id : ids) {
            anonymise(id, erased.personId(), pseudonym);
        }
        log.info("{} nudges of or about erased person {} of {} anonymised", ids.size(), erased.personId(),
                erased.orgId());
    }

    private void anonymise(String nudgeId, String personId, String pseudonym) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Nudge nudge = mongo.findById(nudgeId, Nudge.class);
            if (nudge == null || !nudge.getRecipientId().equals(personId) && !nudge.getAboutPersonIds().contains(personId)) {
                return;
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            if (nudge.getStatus().pending()) {
                nudge.suppressed(now, SuppressionReason.ERASED, events.suppressed(nudge, SuppressionReason.ERASED, now));
            }
            nudge.anonymise(personId, pseudonym);
            try {
                mongo.save(nudge);
                return;
            } catch (OptimisticLockingFailureException raced) {
                // The dispatcher or the outbox relay changed it meanwhile: read it again.
            }
        }
        throw new IllegalStateException("nudge " + nudgeId + " kept changing during erasure; the record is retried");
    }
}
