package org.skillpath.notification.nudges;

import java.time.Instant;
import java.util.Objects;

import org.skillpath.kit.outbox.OutboxDocument;
import org.skillpath.kit.outbox.OutboxEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One mail to one person, and its delivery log. Recorded as INTENDED before anything is sent, under an id
 * derived from the causing event, so a redelivered cause never yields a second nudge; marked SENT, with its
 * {@code nudge.sent} event, in one document save after the SMTP server accepted the mail.
 */
@Document(Nudge.COLLECTION)
@CompoundIndexes({
        // The delivery log of a person, newest first.
        @CompoundIndex(name = "org_recipient_created", def = "{'orgId': 1, 'recipientId': 1, 'createdAt': -1, '_id': 1}"),
        // The dispatcher's claim spans all tenants (one queue), so it is the one index without orgId first.
        @CompoundIndex(name = "due", def = "{'status': 1, 'nextAttemptAt': 1, 'leaseUntil': 1}")
})
public class Nudge extends OutboxDocument {

    public static final String COLLECTION = "nudges";

    @Id
    private String id;
    private String orgId;
    private String recipientId;
    private NudgeKind kind;
    private String causeEventId;
    private NudgeModel model;
    private NudgeStatus status;
    private int attempts;
    private Instant nextAttemptAt;
    private Instant leaseUntil;
    private String leaseOwner;
    private Instant sentAt;
    private String lastError;
    private Instant createdAt;

    protected Nudge() {
    }

    static Nudge intended(String id, String orgId, String recipientId, NudgeKind kind, String causeEventId,
                          NudgeModel model, Instant now) {
        Nudge n = new Nudge();
        n.id = Objects.requireNonNull(id);
        n.orgId = Objects.requireNonNull(orgId);
        n.recipientId = Objects.requireNonNull(recipientId);
        n.kind = Objects.requireNonNull(kind);
        n.causeEventId = Objects.requireNonNull(causeEventId);
        n.model = Objects.requireNonNull(model);
        n.status = NudgeStatus.INTENDED;
        n.attempts = 0;
        n.nextAttemptAt = now;
        n.leaseUntil = Instant.EPOCH;
        n.createdAt = now;
        return n;
    }

    /** This attempt did not deliver; the nudge stays INTENDED and is tried again after the back-off. */
    void attemptFailed(Instant now, String reason) {
        attempts++;
        nextAttemptAt = now.plus(Backoff.after(attempts));
        lastError = reason;
        releaseLease();
    }

    /** The SMTP server accepted the mail: SENT, and {@code nudge.sent} goes out with this very save. */
    void sent(Instant now, OutboxEvent nudgeSent) {
        attempts++;
        status = NudgeStatus.SENT;
        sentAt = now;
        releaseLease();
        raise(nudgeSent);
    }

    private void releaseLease() {
        leaseUntil = Instant.EPOCH;
        leaseOwner = null;
    }

    public String getId() {
        return id;
    }

    public String getOrgId() {
        return orgId;
    }

    public String getRecipientId() {
        return recipientId;
    }

    public NudgeKind getKind() {
        return kind;
    }

    public String getCauseEventId() {
        return causeEventId;
    }

    public NudgeModel getModel() {
        return model;
    }

    public NudgeStatus getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant getLeaseUntil() {
        return leaseUntil;
    }

    public Instant getSentAt() {
        return sentAt;
    }

    public String getLastError() {
        return lastError;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
