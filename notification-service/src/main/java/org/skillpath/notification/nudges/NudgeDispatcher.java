package org.skillpath.notification.nudges;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.notification.mail.MailComposer;
import org.skillpath.notification.mail.OutgoingMail;
import org.skillpath.notification.mail.SmtpConnection;
import org.skillpath.notification.policy.Decision;
import org.skillpath.notification.policy.IsoWeek;
import org.skillpath.notification.policy.NudgePolicy;
import org.skillpath.notification.policy.NudgePolicy.RecipientState;
import org.skillpath.notification.policy.PersonPreferences;
import org.skillpath.notification.policy.PolicySettings;
import org.skillpath.notification.policy.SuppressionReason;
import org.skillpath.notification.policy.WeeklyCaps;
import org.skillpath.notification.preferences.PreferencesStore;
import org.skillpath.notification.preferences.PreferencesStore.Addressee;
import org.skillpath.notification.preferences.UnsubscribeLinks;
import org.skillpath.notification.recipients.Recipient;
import org.skillpath.notification.recipients.RecipientArrived;
import org.skillpath.notification.recipients.RecipientRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Takes the due nudges one by one and applies the policy ({@link NudgePolicy}): suppress (with
 * {@code nudge.suppressed}), defer to the end of the quiet hours, gather into a digest, or send (within the
 * weekly cap). Each nudge is claimed alone with an atomic findAndModify that sets a lease, so several instances
 * never handle the same nudge. A nudge this instance records is inserted with that lease already
 * ({@link #leaseForRecording}) and handed over in memory ({@link #wakeUp(Nudge)}), so it needs no claim at all;
 * should it wait longer than {@link #FRESH} (a long queue, a moved clock), it is claimed again by id first. The
 * scan for due nudges runs on the schedule and on the other wake-ups only, since on a store without secondary
 * indexes it reads the whole collection. After the SMTP server accepted the mail, the nudge is marked SENT and its
 * {@code nudge.sent} event queued in the same document save (the outbox relay publishes it). A failed SMTP
 * attempt keeps the nudge as it was with an exponential back-off: nothing is lost while the server is down.
 * <p>
 * Remaining window: a crash (or a lost connection to the store) after the SMTP server accepted the mail and
 * before the SENT save leaves the nudge pending; when its lease ends it is sent once more. Mails cannot be
 * recalled, so this at-least-once gap is accepted and kept small; the resend carries the same Message-ID
 * (derived from the nudge id), which lets mail systems recognise it. Nudges recorded and not yet handled when an
 * instance stops are released at shutdown; after a crash they wait for their lease like any claimed nudge.
 */
@Component
public class NudgeDispatcher implements DisposableBean {

    static final Duration LEASE = Duration.ofSeconds(60);
    /**
     * How long a nudge recorded with this instance's lease may wait and still be handled on that lease: the
     * handling then starts with nearly the whole lease ahead of it, as after a claim.
     */
    static final Duration FRESH = Duration.ofSeconds(5);
    private static final int MAX_PER_ROUND = 100;
    private static final int MAX_ERROR_LENGTH = 500;
    private static final int GATHER_ATTEMPTS = 10;
    /** Nudges recorded here and held in memory; beyond this they are recorded without a lease for a scan to find. */
    private static final int MAX_RECORDED = 1_000;
    private static final Logger log = LoggerFactory.getLogger(NudgeDispatcher.class);

    private final MongoTemplate mongo;
    private final RecipientRepository recipients;
    private final PreferencesStore preferences;
    private final WeeklyCaps caps;
    private final PolicySettings policy;
    private final UnsubscribeLinks unsubscribeLinks;
    private final MailComposer composer;
    private final SmtpConnection smtp;
    private final NudgeEvents events;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    private final Counter sent;
    private final Counter failed;
    private final MeterRegistry meters;
    private final Counter deferred;
    /** One worker per instance: wake-ups from consumers and the schedule coalesce instead of piling up. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "nudge-dispatcher");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    private final BlockingQueue<Nudge> recorded = new LinkedBlockingQueue<>(MAX_RECORDED);
    private final AtomicBoolean scanRequested = new AtomicBoolean();

    NudgeDispatcher(MongoTemplate mongo, RecipientRepository recipients, PreferencesStore preferences,
                    WeeklyCaps caps, PolicySettings policy, UnsubscribeLinks unsubscribeLinks, MailComposer composer,
                    SmtpConnection smtp, NudgeEvents events, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.recipients = recipients;
        this.preferences = preferences;
        this.caps = caps;
        this.policy = policy;
        this.unsubscribeLinks = unsubscribeLinks;
        this.composer = composer;
        this.smtp = smtp;
        this.events = events;
        this.clock = clock;
        this.sent = Counter.builder("skillpath.nudges.sent").description("nudge mails accepted by the SMTP server")
                .register(meters);
        this.failed = Counter.builder("skillpath.nudges.failed")
                .description("nudge delivery attempts that failed and wait for a retry").register(meters);
        this.meters = meters;
        this.deferred = Counter.builder("skillpath.nudges.deferred")
                .description("nudges deferred by quiet hours or gathered into a digest").register(meters);
    }

    /** Asks for a dispatch round with a scan soon, on the dispatcher's own thread; cheap, callable from anywhere. */
    public void wakeUp() {
        scanRequested.set(true);
        schedule();
    }

    /**
     * Leases a nudge about to be recorded (due now) to this instance, so that once inserted it needs no claim;
     * while too many wait in memory it is left without a lease, for a scan to find.
     */
    Nudge leaseForRecording(Nudge nudge) {
        return recorded.remainingCapacity() > 0 ? nudge.leasedTo(owner, now().plus(LEASE)) : nudge;
    }

    /** {@code nudge} was just recorded: the next round handles it as it is, without claim or scan. */
    void wakeUp(Nudge nudge) {
        if (!owner.equals(nudge.getLeaseOwner())) {
            scanRequested.set(true);
        } else if (!recorded.offer(nudge)) {
            release(List.of(nudge.getId()));
            scanRequested.set(true);
        }
        schedule();
    }

    private void schedule() {
        if (queued.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    queued.set(false);
                    try {
                        dispatchRecorded();
                        if (scanRequested.getAndSet(false)) {
                            dispatchDue();
                        }
                    } catch (RuntimeException e) {
                        log.warn("nudge dispatch round failed: {}", e.toString());
                    } finally {
                        smtp.closeIfIdle();
                    }
                });
            } catch (RejectedExecutionException shuttingDown) {
                queued.set(false);
            }
        }
    }

    /** Retries, deferred nudges and forgotten wake-ups are picked up here. */
    @Scheduled(fixedDelay = 1000, initialDelay = 1000)
    void onSchedule() {
        wakeUp();
    }

    /** Nudges waiting for this person become due now, instead of at the end of their back-off. */
    @EventListener
    void onRecipientArrived(RecipientArrived arrived) {
        Instant now = clock.instant();
        // Only those waiting for the person (never attempted or failed), not those deferred by quiet hours.
        // Leased nudges are left alone: their holder saves them next and would lose an optimistic-lock race.
        Query waiting = new Query(Criteria.where("recipientId").is(arrived.personId()).and("orgId").is(arrived.orgId())
                .and("status").is(NudgeStatus.INTENDED).and("nextAttemptAt").gt(now).and("leaseUntil").lt(now));
        mongo.updateMulti(waiting, new Update().set("nextAttemptAt", now), Nudge.class);
        wakeUp();
    }

    /** Handles the nudges due now, one claim at a time; returns how many were sent. */
    public int dispatchDue() {
        int delivered = 0;
        for (int i = 0; i < MAX_PER_ROUND; i++) {
            Instant now = clock.instant();
            Nudge nudge = claim(due(now).with(Sort.by("nextAttemptAt")), now);
            if (nudge == null) {
                return delivered;
            }
            if (handle(nudge)) {
                delivered++;
            }
        }
        wakeUp();
        return delivered;
    }

    /** Handles the nudges just recorded here, on the lease they were recorded with; returns how many were sent. */
    private int dispatchRecorded() {
        int delivered = 0;
        for (int i = 0; i < MAX_PER_ROUND; i++) {
            Nudge nudge = recorded.poll();
            if (nudge == null) {
                return delivered;
            }
            Instant now = clock.instant();
            if (now.isAfter(nudge.getLeaseUntil().minus(LEASE).plus(FRESH))) {
                // Waited too long to go on the lease of its insert: claimed again (no match: handled meanwhile
                // by a scan, after that lease ran out).
                nudge = claim(due(now, Criteria.where("leaseOwner").is(owner)).addCriteria(
                        Criteria.where("_id").is(nudge.getId())), now);
            }
            if (nudge != null && handle(nudge)) {
                delivered++;
            }
        }
        schedule();
        return delivered;
    }

    /** Due and not leased: the condition of every claim, whether it scans or names the nudge. */
    private static Query due(Instant now) {
        return new Query(Criteria.where("status").in(NudgeStatus.INTENDED, NudgeStatus.DEFERRED)
                .and("nextAttemptAt").lte(now).and("leaseUntil").lt(now));
    }

    /** Due, and not leased or leased by {@code holder} (this instance, whose lease it renews). */
    private static Query due(Instant now, Criteria holder) {
        return new Query(Criteria.where("status").in(NudgeStatus.INTENDED, NudgeStatus.DEFERRED)
                .and("nextAttemptAt").lte(now).orOperator(Criteria.where("leaseUntil").lt(now), holder));
    }

    private Nudge claim(Query query, Instant now) {
        Update lease = new Update().set("leaseUntil", now.plus(LEASE)).set("leaseOwner", owner);
        return mongo.findAndModify(query, lease, FindAndModifyOptions.options().returnNew(true), Nudge.class);
    }

    private boolean handle(Nudge nudge) {
        Instant now = now();
        Optional<Addressee> found = preferences.addressee(nudge.getOrgId(), nudge.getRecipientId());
        if (found.isEmpty()) {
            if (nudge.getExpiresAt() != null && !now.isBefore(nudge.getExpiresAt())) {
                return suppress(nudge, SuppressionReason.EXPIRED, now);
            }
            return failed(nudge, "recipient unknown: no person.upserted for " + nudge.getRecipientId() + " yet");
        }
        Recipient recipient = found.get().recipient();
        PersonPreferences prefs = recipient.isErased() ? PersonPreferences.defaults(policy.quietHours())
                : found.get().settings();
        NudgeKind kind = nudge.getKind();
        Decision decision = NudgePolicy.decide(kind.category(), kind.respectsQuietHours(), kind.digestible(),
                nudge.getExpiresAt(), state(recipient), recipient.zone(), prefs, now);
        if (decision instanceof Decision.Suppress s) {
            return suppress(nudge, s.reason(), now);
        }
        if (decision instanceof Decision.Defer d) {
            nudge.deferred(now, d.until());
            if (save(nudge)) {
                deferred.increment();
                log.info("nudge {} ({}) deferred by quiet hours until {}", nudge.getId(), kind, d.until());
            }
            return false;
        }
        if (decision instanceof Decision.Gather g) {
            return gather(nudge, recipient.zone(), prefs, g.digestAt(), now);
        }
        if (kind.capped() && !caps.reserve(nudge.getOrgId(), nudge.getRecipientId(),
                IsoWeek.of(now, recipient.zone()), nudge.getId(), policy.weeklyCap())) {
            return suppress(nudge, SuppressionReason.WEEKLY_CAP, now);
        }
        NudgeModel content = nudge.getModel();
        if (content instanceof DigestModel digest) {
            // Opt-outs made after an item was gathered still count.
            content = new DigestModel(digest.items().stream()
                    .filter(item -> prefs.subscribed(item.kind().category())).toList());
            if (((DigestModel) content).items().isEmpty()) {
                return suppress(nudge, SuppressionReason.UNSUBSCRIBED, now);
            }
        }
        return send(nudge, recipient, content);
    }

    private boolean send(Nudge nudge, Recipient recipient, NudgeModel content) {
        try {
            smtp.send(composer.compose(mail(nudge, recipient, content)));
        } catch (RuntimeException e) {
            return failed(nudge, "mail not delivered: " + e.getMessage());
        }
        // The mail is out. From here to the save below is the window described on the class.
        Instant sentAt = now();
        nudge.sent(sentAt, events.sent(nudge, sentAt));
        if (save(nudge)) {
            sent.increment();
            log.info("nudge {} ({}) sent to person {}", nudge.getId(), nudge.getKind(), nudge.getRecipientId());
            return true;
        }
        return false;
    }

    /**
     * Adds the nudge to the person's digest for {@code digestAt} (creating it), then marks the nudge GATHERED.
     * The digest is changed by an optimistic-locked save; a digest already going out (or gone) passes the
     * nudge on to the next digest moment. Repeating this after a crash finds the item there and only marks.
     */
    private boolean gather(Nudge nudge, ZoneId zone, PersonPreferences prefs, Instant digestAt, Instant now) {
        Instant at = digestAt;
        for (int i = 0; i < GATHER_ATTEMPTS; i++) {
            String digestId = DeterministicIds.of("digest/" + at, nudge.getOrgId(), nudge.getRecipientId(),
                    NudgeKind.DIGEST.name());
            Nudge digest = mongo.findById(digestId, Nudge.class);
            boolean fresh = digest == null;
            if (fresh) {
                digest = Nudge.intended(digestId, nudge.getOrgId(), nudge.getRecipientId(), NudgeKind.DIGEST,
                        "digest/" + at, new DigestModel(List.of()), now).notBefore(at);
            } else if (!digest.isGatherable() || digest.getLeaseUntil().isAfter(now)) {
                at = prefs.digest().nextDigestAt(at, zone, prefs.quietHours().morning());
                continue;
            }
            try {
                if (!((DigestModel) digest.getModel()).contains(nudge.getId())) {
                    digest.gather(new DigestModel.Item(nudge.getId(), nudge.getKind(), nudge.getCauseEventId(),
                            nudge.getModel()), nudge.getAboutPersonIds());
                    if (fresh) {
                        mongo.insert(digest);
                    } else {
                        mongo.save(digest);
                    }
                }
            } catch (DuplicateKeyException | OptimisticLockingFailureException race) {
                continue;
            }
            nudge.gathered(now, digestId, at);
            if (save(nudge)) {
                deferred.increment();
                log.info("nudge {} ({}) gathered into digest {} for {}", nudge.getId(), nudge.getKind(), digestId, at);
            }
            return false;
        }
        return failed(nudge, "digest busy; gathering again after the back-off");
    }

    private boolean suppress(Nudge nudge, SuppressionReason reason, Instant now) {
        nudge.suppressed(now, reason, events.suppressed(nudge, reason, now));
        if (reason == SuppressionReason.ERASED) {
            // Caused after the erasure: keep the decision, not what it was about nor whom.
            nudge.anonymise(nudge.getRecipientId(), "erased-" + UUID.randomUUID());
        }
        if (save(nudge)) {
            Counter.builder("skillpath.nudges.suppressed").description("nudges decided against, by reason")
                    .tag("reason", reason.name()).tag("kind", nudge.getKind().name()).register(meters).increment();
            log.info("nudge {} ({}) suppressed: {}", nudge.getId(), nudge.getKind(), reason);
        }
        return false;
    }

    private boolean failed(Nudge nudge, String reason) {
        String error = reason.length() > MAX_ERROR_LENGTH ? reason.substring(0, MAX_ERROR_LENGTH) : reason;
        nudge.attemptFailed(now(), error);
        failed.increment();
        if (save(nudge)) {
            log.info("nudge {} not sent (attempt {}): {}; next attempt at {}", nudge.getId(), nudge.getAttempts(),
                    error, nudge.getNextAttemptAt());
        }
        return false;
    }

    private boolean save(Nudge nudge) {
        try {
            mongo.save(nudge);
            return true;
        } catch (OptimisticLockingFailureException e) {
            // Only possible when this attempt outlived its lease and another instance took the nudge over, or
            // an erasure rewrote the nudge meanwhile.
            log.warn("nudge {} was changed by someone else meanwhile; this attempt's outcome is dropped",
                    nudge.getId());
            return false;
        }
    }

    private static RecipientState state(Recipient r) {
        if (r.isErased()) {
            return RecipientState.ERASED;
        }
        if (!r.isActive()) {
            return RecipientState.INACTIVE;
        }
        return r.getEmail() == null || r.getEmail().isBlank() ? RecipientState.NO_ADDRESS : RecipientState.ACTIVE;
    }

    private OutgoingMail mail(Nudge nudge, Recipient recipient, NudgeModel content) {
        People people = people(nudge.getOrgId(), recipient);
        return new OutgoingMail(nudge.getId(), nudge.getKind().name(), nudge.getKind().template(),
                recipient.getEmail(), recipient.getDisplayName(), recipient.preferredLocale(),
                content.templateVariables(people),
                unsubscribeLinks.urlFor(nudge.getOrgId(), nudge.getRecipientId(), nudge.getKind().category()));
    }

    /** Names and addresses within the nudge's tenant, each person read once for this mail; erased people are nobody. */
    private People people(String orgId, Recipient recipient) {
        Map<String, Optional<Recipient>> read = new HashMap<>();
        read.put(recipient.getPersonId(), Optional.of(recipient).filter(r -> !r.isErased()));
        return new People() {
            @Override
            public String nameOf(String personId) {
                return known(personId).map(Recipient::getDisplayName).orElse(null);
            }

            @Override
            public String emailOf(String personId) {
                return known(personId).map(Recipient::getEmail).orElse(null);
            }

            private Optional<Recipient> known(String personId) {
                return personId == null ? Optional.empty() : read.computeIfAbsent(personId,
                        id -> recipients.findByPersonIdAndOrgId(id, orgId).filter(r -> !r.isErased()));
            }
        };
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Gives the recorded nudges not handled yet back to the store's queue, for any instance's scan. */
    private void release(List<String> nudgeIds) {
        mongo.updateMulti(new Query(Criteria.where("_id").in(nudgeIds).and("leaseOwner").is(owner)),
                new Update().set("leaseUntil", Instant.EPOCH).unset("leaseOwner"), Nudge.class);
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
        List<String> waiting = new ArrayList<>();
        recorded.forEach(n -> waiting.add(n.getId()));
        if (!waiting.isEmpty()) {
            try {
                release(waiting);
            } catch (RuntimeException e) {
                log.warn("{} recorded nudges keep their lease until it ends: {}", waiting.size(), e.toString());
            }
        }
    }

    /** Merges two lists of person ids, keeping order and dropping repeats. */
    static List<String> union(List<String> a, List<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }
}
