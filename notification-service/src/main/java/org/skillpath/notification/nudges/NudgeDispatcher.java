package org.skillpath.notification.nudges;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.kit.outbox.OutboxEvent;
import org.skillpath.notification.mail.MailComposer;
import org.skillpath.notification.mail.OutgoingMail;
import org.skillpath.notification.recipients.Recipient;
import org.skillpath.notification.recipients.RecipientArrived;
import org.skillpath.notification.recipients.RecipientRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Sends the INTENDED nudges that are due. Each is claimed alone with an atomic findAndModify that sets a
 * lease, so several instances never send the same nudge; after the SMTP server accepted the mail, the nudge
 * is marked SENT and its {@code nudge.sent} event queued in the same document save (the outbox relay
 * publishes it). A failed attempt keeps the nudge INTENDED with an exponential back-off: nothing is lost.
 * <p>
 * Remaining window: a crash (or a lost connection to the store) after the SMTP server accepted the mail and
 * before the SENT save leaves the nudge INTENDED; when its lease ends it is sent once more. Mails cannot be
 * recalled, so this at-least-once gap is accepted and kept small; the resend carries the same Message-ID
 * (derived from the nudge id), which lets mail systems recognise it.
 */
@Component
public class NudgeDispatcher implements DisposableBean {

    static final Duration LEASE = Duration.ofSeconds(60);
    private static final int MAX_PER_ROUND = 100;
    private static final int MAX_ERROR_LENGTH = 500;
    private static final Logger log = LoggerFactory.getLogger(NudgeDispatcher.class);

    private final MongoTemplate mongo;
    private final RecipientRepository recipients;
    private final MailComposer composer;
    private final JavaMailSender mailSender;
    private final ObjectMapper json;
    private final Clock clock;
    private final String topic;
    private final String source;
    private final String owner = UUID.randomUUID().toString();
    private final Counter sent;
    private final Counter failed;
    /** One worker per instance: wake-ups from consumers and the schedule coalesce instead of piling up. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "nudge-dispatcher");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();

    public NudgeDispatcher(MongoTemplate mongo, RecipientRepository recipients, MailComposer composer,
                           JavaMailSender mailSender, ObjectMapper json, Clock clock, MeterRegistry meters,
                           @Value("${skillpath.topics.notification}") String topic,
                           @Value("${skillpath.event-source}") String source) {
        this.mongo = mongo;
        this.recipients = recipients;
        this.composer = composer;
        this.mailSender = mailSender;
        this.json = json;
        this.clock = clock;
        this.topic = topic;
        this.source = source;
        this.sent = Counter.builder("skillpath.nudges.sent").description("nudge mails accepted by the SMTP server")
                .register(meters);
        this.failed = Counter.builder("skillpath.nudges.failed")
                .description("nudge delivery attempts that failed and wait for a retry").register(meters);
    }

    /** Asks for a dispatch round soon, on the dispatcher's own thread; cheap, callable from anywhere. */
    public void wakeUp() {
        if (queued.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    queued.set(false);
                    try {
                        dispatchDue();
                    } catch (RuntimeException e) {
                        log.warn("nudge dispatch round failed: {}", e.toString());
                    }
                });
            } catch (RejectedExecutionException shuttingDown) {
                queued.set(false);
            }
        }
    }

    /** Retries and forgotten wake-ups are picked up here. */
    @Scheduled(fixedDelay = 1000, initialDelay = 1000)
    void onSchedule() {
        wakeUp();
    }

    /** Nudges waiting for this person become due now, instead of at the end of their back-off. */
    @EventListener
    void onRecipientArrived(RecipientArrived arrived) {
        Instant now = clock.instant();
        // Leased nudges are left alone: their holder saves them next and would lose an optimistic-lock race.
        Query waiting = new Query(Criteria.where("recipientId").is(arrived.personId()).and("orgId").is(arrived.orgId())
                .and("status").is(NudgeStatus.INTENDED).and("nextAttemptAt").gt(now).and("leaseUntil").lt(now));
        mongo.updateMulti(waiting, new Update().set("nextAttemptAt", now), Nudge.class);
        wakeUp();
    }

    /** Sends the nudges due now, one claim at a time; returns how many were sent. */
    public int dispatchDue() {
        int delivered = 0;
        for (int i = 0; i < MAX_PER_ROUND; i++) {
            Nudge nudge = claim(clock.instant());
            if (nudge == null) {
                return delivered;
            }
            if (deliver(nudge)) {
                delivered++;
            }
        }
        wakeUp();
        return delivered;
    }

    private Nudge claim(Instant now) {
        Query due = new Query(Criteria.where("status").is(NudgeStatus.INTENDED).and("nextAttemptAt").lte(now)
                .and("leaseUntil").lt(now)).with(Sort.by("nextAttemptAt"));
        Update lease = new Update().set("leaseUntil", now.plus(LEASE)).set("leaseOwner", owner);
        return mongo.findAndModify(due, lease, FindAndModifyOptions.options().returnNew(true), Nudge.class);
    }

    private boolean deliver(Nudge nudge) {
        Optional<Recipient> found = recipients.findByPersonIdAndOrgId(nudge.getRecipientId(), nudge.getOrgId());
        if (found.isEmpty()) {
            return failed(nudge, "recipient unknown: no person.upserted for " + nudge.getRecipientId() + " yet");
        }
        Recipient recipient = found.get();
        if (!recipient.isActive()) {
            return failed(nudge, "recipient inactive");
        }
        try {
            mailSender.send(composer.compose(mail(nudge, recipient)));
        } catch (RuntimeException e) {
            return failed(nudge, "mail not delivered: " + e.getMessage());
        }
        // The mail is out. From here to the save below is the window described on the class.
        Instant sentAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        nudge.sent(sentAt, nudgeSent(nudge, sentAt));
        if (save(nudge)) {
            sent.increment();
            log.info("nudge {} ({}) sent to person {}", nudge.getId(), nudge.getKind(), nudge.getRecipientId());
            return true;
        }
        return false;
    }

    private boolean failed(Nudge nudge, String reason) {
        String error = reason.length() > MAX_ERROR_LENGTH ? reason.substring(0, MAX_ERROR_LENGTH) : reason;
        nudge.attemptFailed(clock.instant().truncatedTo(ChronoUnit.MILLIS), error);
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
            // Only possible when this attempt outlived its lease and another instance took the nudge over.
            log.warn("nudge {} was taken over after its lease expired; this attempt's outcome is dropped",
                    nudge.getId());
            return false;
        }
    }

    private static OutgoingMail mail(Nudge nudge, Recipient recipient) {
        return new OutgoingMail(nudge.getId(), nudge.getKind().name(), nudge.getKind().template(),
                recipient.getEmail(), recipient.getDisplayName(), recipient.preferredLocale(),
                nudge.getModel().templateVariables());
    }

    private OutboxEvent nudgeSent(Nudge nudge, Instant sentAt) {
        NudgeSent payload = new NudgeSent(nudge.getId(), nudge.getRecipientId(), nudge.getOrgId(),
                nudge.getKind().name(), nudge.getCauseEventId(), sentAt.toString(), NudgeSent.EMAIL);
        return new OutboxEvent(DeterministicIds.of("nudge.sent", nudge.getId()), topic, NudgeSent.TYPE, source,
                "nudges/" + nudge.getId(), nudge.getRecipientId(), nudge.getOrgId(), sentAt,
                json.writeValueAsString(payload));
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
