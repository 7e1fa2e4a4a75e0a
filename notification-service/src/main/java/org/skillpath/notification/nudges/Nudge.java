package org.skillpath.notification.nudges;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.skillpath.kit.outbox.OutboxDocument;
import org.skillpath.kit.outbox.OutboxEvent;
import org.skillpath.notification.policy.SuppressionReason;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One mail to one person, and its delivery log. Recorded as INTENDED before anything is sent, under an id
 * derived from the causing event, recipient and kind, so a redelivered cause never yields a second nudge;
 * every decision (deferred, gathered into a digest, suppressed, sent) is appended to {@link #getLog()}, and
 * the final one (SENT or SUPPRESSED) queues its event ({@code nudge.sent} / {@code nudge.suppressed}) in the
 * same document save.
 */
@Document(Nudge.COLLECTION)
@CompoundIndexes({
        // The delivery log of a person, newest first.
        @CompoundIndex(name = "org_recipient_created", def = "{'orgId': 1, 'recipientId': 1, 'createdAt': -1, '_id': 1}"),
        // Erasure finds the nudges that mention a person without being addressed to them (escalations, digests).
        @CompoundIndex(name = "org_about", def = "{'orgId': 1, 'aboutPersonIds': 1}"),
        // The dispatcher's claim spans all tenants (one queue), so it is the one index without orgId first.
        @CompoundIndex(name = "due", def = "{'status': 1, 'nextAttemptAt': 1, 'leaseUntil': 1}")
})
public class Nudge extends OutboxDocument {

    public static final String COLLECTION = "nudges";
    private static final int MAX_LOG = 50;

    @Id
    private String id;
    private String orgId;
    private String recipientId;
    private NudgeKind kind;
    private String causeEventId;
    private NudgeModel model;
    /** Other people the content is about (the report of an escalation, the reports of a manager digest). */
    private List<String> aboutPersonIds = new ArrayList<>();
    private NudgeStatus status;
    private int attempts;
    private Instant nextAttemptAt;
    private Instant expiresAt;
    private Instant leaseUntil;
    private String leaseOwner;
    private Instant sentAt;
    private SuppressionReason suppressedReason;
    private String digestId;
    private String lastError;
    private Instant createdAt;
    private List<LogEntry> log = new ArrayList<>();

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

    Nudge about(List<String> personIds) {
        aboutPersonIds = new ArrayList<>(personIds);
        return this;
    }

    Nudge expiringAt(Instant expiry) {
        expiresAt = expiry;
        return this;
    }

    Nudge notBefore(Instant moment) {
        nextAttemptAt = moment;
        return this;
    }

    /** Leased from the start to dispatcher {@code owner}: recorded and handled by it without a claim. */
    Nudge leasedTo(String owner, Instant until) {
        leaseOwner = Objects.requireNonNull(owner);
        leaseUntil = until;
        return this;
    }

    /** This attempt did not deliver; the nudge stays as it is and is tried again after the back-off. */
    void attemptFailed(Instant now, String reason) {
        attempts++;
        nextAttemptAt = now.plus(Backoff.after(attempts));
        lastError = reason;
        releaseLease();
    }

    /** Inside quiet hours: due again at {@code until}. */
    void deferred(Instant now, Instant until) {
        status = NudgeStatus.DEFERRED;
        nextAttemptAt = until;
        append(new LogEntry(now, "DEFERRED", "QUIET_HOURS", until));
        releaseLease();
    }

    /** Handed to the digest {@code digest} that goes out at {@code digestAt}. */
    void gathered(Instant now, String digest, Instant digestAt) {
        status = NudgeStatus.DIGESTED;
        digestId = digest;
        append(new LogEntry(now, "GATHERED", "DIGEST_MODE", digestAt));
        releaseLease();
    }

    /** Decided against: SUPPRESSED, and {@code nudge.suppressed} goes out with this very save. */
    void suppressed(Instant now, SuppressionReason reason, OutboxEvent nudgeSuppressed) {
        status = NudgeStatus.SUPPRESSED;
        suppressedReason = reason;
        append(new LogEntry(now, "SUPPRESSED", reason.name(), null));
        releaseLease();
        raise(nudgeSuppressed);
    }

    /** The SMTP server accepted the mail: SENT, and {@code nudge.sent} goes out with this very save. */
    void sent(Instant now, OutboxEvent nudgeSent) {
        attempts++;
        status = NudgeStatus.SENT;
        sentAt = now;
        append(new LogEntry(now, "SENT", null, null));
        releaseLease();
        raise(nudgeSent);
    }

    /** A digest nudge takes one more gathered nudge (and who it is about). */
    void gather(DigestModel.Item item, List<String> about) {
        model = ((DigestModel) model).with(item);
        aboutPersonIds = NudgeDispatcher.union(getAboutPersonIds(), about);
    }

    /**
     * Removes what identifies or describes the erased person: the content always; the recipient too when the
     * nudge was addressed to them (it stays countable in the log under a pseudonym nobody can look up).
     */
    void anonymise(String erasedPersonId, String pseudonym) {
        model = new ErasedModel();
        aboutPersonIds.remove(erasedPersonId);
        if (recipientId.equals(erasedPersonId)) {
            recipientId = pseudonym;
        }
        lastError = lastError == null ? null : "erased";
    }

    boolean isGatherable() {
        return kind == NudgeKind.DIGEST && status.pending() && model instanceof DigestModel;
    }

    private void append(LogEntry entry) {
        log.add(entry);
        if (log.size() > MAX_LOG) {
            log.remove(0);
        }
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

    public List<String> getAboutPersonIds() {
        return aboutPersonIds == null ? List.of() : List.copyOf(aboutPersonIds);
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

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getLeaseUntil() {
        return leaseUntil;
    }

    String getLeaseOwner() {
        return leaseOwner;
    }

    public Instant getSentAt() {
        return sentAt;
    }

    public SuppressionReason getSuppressedReason() {
        return suppressedReason;
    }

    public String getDigestId() {
        return digestId;
    }

    public String getLastError() {
        return lastError;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public List<LogEntry> getLog() {
        return log == null ? List.of() : List.copyOf(log);
    }
}
