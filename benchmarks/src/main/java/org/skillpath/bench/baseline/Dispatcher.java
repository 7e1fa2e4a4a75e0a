package org.skillpath.bench.baseline;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.bson.Document;
import org.bson.conversions.Bson;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends the intended nudges, as notification-service does: claim one due nudge at a time with a lease
 * (findOneAndUpdate), look the recipient up, send the mail over SMTP (a connection per mail, like Spring's
 * JavaMailSender), then save the nudge as SENT with its nudge.sent event in the outbox (versioned replace).
 * As there, a nudge just inserted ({@link #wakeUp(String)}) is claimed by its id; the scan for due nudges runs
 * on the one-second timer (and after a full round or a full queue) only.
 */
final class Dispatcher implements AutoCloseable {

    private static final long LEASE_MS = 60_000;
    private static final int MAX_PER_ROUND = 100;
    /** Nudges inserted and not yet claimed by id; beyond this a scan finds them, as in the service. */
    private static final int MAX_RECORDED = 10_000;
    /** The service's {@code @Scheduled(fixedDelay = 1000, initialDelay = 1000)} scan. */
    private static final long SCAN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final MongoCollection<Document> nudges;
    private final MongoCollection<Document> recipients;
    private final Outbox outbox;
    private final Templates templates;
    private final ObjectNode nudgeSent;
    private final ObjectMapper json;
    private final Session mail;
    private final String owner = UUID.randomUUID().toString();
    private final Semaphore wake = new Semaphore(0);
    private final BlockingQueue<String> recorded = new LinkedBlockingQueue<>(MAX_RECORDED);
    private final AtomicBoolean scanRequested = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean running = true;

    Dispatcher(MongoCollection<Document> nudges, MongoCollection<Document> recipients, Outbox outbox,
               Templates templates, ObjectMapper json, int smtpPort) {
        this.nudges = nudges;
        this.recipients = recipients;
        this.outbox = outbox;
        this.templates = templates;
        this.json = json;
        this.nudgeSent = (ObjectNode) json.readTree(templates.nudgeSent());
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(smtpPort));
        p.put("mail.smtp.connectiontimeout", "5000");
        p.put("mail.smtp.timeout", "10000");
        p.put("mail.smtp.writetimeout", "10000");
        this.mail = Session.getInstance(p);
        thread = new Thread(this::loop, "baseline-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** The nudge {@code nudgeId} was just inserted, due now: the next round claims it by id, not by the due scan. */
    void wakeUp(String nudgeId) {
        if (!recorded.offer(nudgeId)) {
            scanRequested.set(true);
        }
        signal();
    }

    private void wakeUp() {
        scanRequested.set(true);
        signal();
    }

    private void signal() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    /** Each round: the nudges just inserted by id, then a scan if the timer or a full round asked for one. */
    private void loop() {
        long nextScan = System.nanoTime() + SCAN_EVERY_NANOS;
        while (running) {
            try {
                long wait = nextScan - System.nanoTime();
                if (recorded.isEmpty() && !scanRequested.get() && wait > 0) {
                    wake.tryAcquire(wait, TimeUnit.NANOSECONDS);
                    wake.drainPermits();
                }
                if (System.nanoTime() - nextScan >= 0) {
                    scanRequested.set(true);
                    nextScan = System.nanoTime() + SCAN_EVERY_NANOS;
                }
                dispatchRecorded();
                if (scanRequested.getAndSet(false)) {
                    dispatchDue();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    System.err.println("baseline dispatcher: " + e);
                }
            }
        }
    }

    private void dispatchDue() {
        for (int i = 0; i < MAX_PER_ROUND && running; i++) {
            Date now = new Date();
            Document nudge = claim(due(now), Sorts.ascending("nextAttemptAt"), now);
            if (nudge == null) {
                return;
            }
            deliver(nudge);
        }
        wakeUp();
    }

    private void dispatchRecorded() {
        for (int i = 0; i < MAX_PER_ROUND && running; i++) {
            String id = recorded.poll();
            if (id == null) {
                return;
            }
            // No match: handled already by a scan.
            Date now = new Date();
            Document nudge = claim(due(now).append("_id", id), null, now);
            if (nudge != null) {
                deliver(nudge);
            }
        }
    }

    /** Due and not leased: the same filter whether the claim scans or names the nudge, as the service's. */
    private static Document due(Date now) {
        return new Document("status", new Document("$in", List.of("INTENDED", "DEFERRED")))
                .append("nextAttemptAt", new Document("$lte", now)).append("leaseUntil", new Document("$lt", now));
    }

    /** Takes the lease and bumps the version, as Spring Data's findAndModify on a versioned document does. */
    private Document claim(Document filter, Bson sort, Date now) {
        return nudges.findOneAndUpdate(filter,
                new Document("$set", new Document("leaseUntil", new Date(now.getTime() + LEASE_MS)).append("leaseOwner", owner))
                        .append("$inc", new Document(Outbox.VERSION, 1L)),
                new FindOneAndUpdateOptions().sort(sort).returnDocument(ReturnDocument.AFTER));
    }

    private void deliver(Document nudge) {
        String orgId = nudge.getString("orgId");
        Document recipient = recipients.find(new Document("_id", nudge.getString("recipientId")).append("orgId", orgId)).first();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (recipient == null || !recipient.getBoolean("active", true)) {
            retryLater(nudge, now, recipient == null ? "recipient unknown" : "recipient inactive");
            return;
        }
        Document model = nudge.get("model", Document.class);
        Map<String, String> subs = templates.substitutions(Map.of(
                Templates.PERSON, nudge.getString("recipientId"), Templates.ORG, orgId,
                Templates.PLAN, model.getString("planId"), Templates.NUDGE, nudge.getString("_id"),
                Templates.PLAN_EVENT, nudge.getString("causeEventId"),
                Templates.DISPLAY_NAME, recipient.getString("displayName"), Templates.EMAIL, recipient.getString("email")));
        try {
            Transport.send(compose(nudge.getString("_id"), recipient, subs));
        } catch (Exception e) {
            retryLater(nudge, now, "mail not delivered: " + e.getMessage());
            return;
        }
        Instant sentAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ObjectNode payload = Templates.fill(nudgeSent, subs);
        payload.put("sentAt", sentAt.toString());
        String nudgeId = nudge.getString("_id");
        Document event = Outbox.event(Ids.of("nudge.sent", nudgeId), BaselinePipeline.NOTIFICATION_TOPIC,
                "org.skillpath.nudge.sent", BaselinePipeline.NOTIFICATION_SOURCE, "nudges/" + nudgeId,
                nudge.getString("recipientId"), orgId, sentAt, json.writeValueAsString(payload));
        long version = nudge.getLong(Outbox.VERSION);
        Document sent = new Document(nudge).append("status", "SENT").append("attempts", nudge.getInteger("attempts", 0) + 1)
                .append("sentAt", Date.from(sentAt)).append("leaseUntil", new Date(0)).append("leaseOwner", null)
                .append(Outbox.OUTBOX, List.of(event)).append(Outbox.PENDING, true).append(Outbox.VERSION, version + 1);
        if (nudges.replaceOne(new Document("_id", nudgeId).append(Outbox.VERSION, version), sent).getModifiedCount() == 1) {
            outbox.wakeUp(nudgeId);
        }
    }

    private MimeMessage compose(String nudgeId, Document recipient, Map<String, String> subs) throws Exception {
        MimeMessage m = new MimeMessage(mail);
        m.setFrom(new InternetAddress(templates.mailFrom()));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient.getString("email"),
                recipient.getString("displayName"), "UTF-8"));
        m.setSubject(templates.mailSubject(), "UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(Templates.fillText(templates.mailText(), subs), "UTF-8");
        alternative.addBodyPart(text);
        if (templates.mailHtml() != null) {
            MimeBodyPart html = new MimeBodyPart();
            html.setContent(Templates.fillText(templates.mailHtml(), subs), "text/html; charset=UTF-8");
            alternative.addBodyPart(html);
        }
        m.setContent(alternative);
        m.setHeader("X-Skillpath-Nudge-Id", nudgeId);
        m.setHeader("X-Skillpath-Kind", "PLAN_READY");
        return m;
    }

    private void retryLater(Document nudge, Instant now, String reason) {
        int attempts = nudge.getInteger("attempts", 0) + 1;
        long version = nudge.getLong(Outbox.VERSION);
        Document failed = new Document(nudge).append("attempts", attempts).append("lastError", reason)
                .append("nextAttemptAt", Date.from(now.plusSeconds(Math.min(300, 1L << Math.min(attempts, 8)))))
                .append("leaseUntil", new Date(0)).append("leaseOwner", null).append(Outbox.VERSION, version + 1);
        nudges.replaceOne(new Document("_id", nudge.getString("_id")).append(Outbox.VERSION, version), failed);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
