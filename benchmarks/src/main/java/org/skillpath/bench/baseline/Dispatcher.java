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
 * Sends the intended nudges, as notification-service does: a nudge the consumer just inserted comes already leased
 * to this dispatcher and is handed over in memory ({@link #handOver(Document)}; claimed by id again only if it
 * waited longer than 5 s); others are claimed one at a time with a lease (findOneAndUpdate) by the scan on the
 * one-second timer. Then: read the recipient with the preferences (one aggregation), send the mail over a kept
 * SMTP connection (closed after 5 s idle or a failure; one retry on a fresh connection), save the nudge as SENT with
 * its nudge.sent event in the outbox (versioned replace).
 */
final class Dispatcher implements AutoCloseable {

    private static final long LEASE_MS = 60_000;
    private static final int MAX_PER_ROUND = 100;
    /** Nudges handed over and not yet sent; beyond this they are inserted unleased and a scan finds them. */
    private static final int MAX_RECORDED = 1_000;
    /** A handed-over nudge older than this is claimed by id before it is sent, as in the service. */
    private static final long STALE_MS = 5_000;
    private static final long SMTP_KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(5);
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
    private final BlockingQueue<Document> recorded = new LinkedBlockingQueue<>(MAX_RECORDED);
    private Transport transport;
    private long transportUsedAt;
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

    /** A new nudge, leased to this dispatcher if the in-memory queue has room (else left to the scan). */
    Document leased(Document nudge) {
        long now = System.currentTimeMillis();
        if (recorded.remainingCapacity() > 0) {
            return nudge.append("leaseUntil", new Date(now + LEASE_MS)).append("leaseOwner", owner);
        }
        return nudge.append("leaseUntil", new Date(0));
    }

    /** The nudge just inserted by {@link #leased(Document)}: sent by the next round without a claim. */
    void handOver(Document nudge) {
        if (!owner.equals(nudge.getString("leaseOwner")) || !recorded.offer(nudge)) {
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
            Document nudge = recorded.poll();
            if (nudge == null) {
                closeIdleTransport();
                return;
            }
            Date now = new Date();
            if (now.getTime() - nudge.getDate("createdAt").getTime() > STALE_MS) {
                // Waited long: claimed by id first (due and unleased, or still leased to this dispatcher).
                nudge = nudges.findOneAndUpdate(new Document("_id", nudge.getString("_id"))
                                .append("status", new Document("$in", List.of("INTENDED", "DEFERRED")))
                                .append("$or", List.of(new Document("leaseUntil", new Document("$lt", now)),
                                        new Document("leaseOwner", owner))),
                        new Document("$set", new Document("leaseUntil", new Date(now.getTime() + LEASE_MS))
                                .append("leaseOwner", owner)).append("$inc", new Document(Outbox.VERSION, 1L)),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            }
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
        Document recipient = recipients.aggregate(List.of(
                new Document("$match", new Document("_id", nudge.getString("recipientId")).append("orgId", orgId)),
                new Document("$lookup", new Document("from", "preferences").append("localField", "_id")
                        .append("foreignField", "_id").append("as", "preferences")))).first();
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
            send(compose(nudge.getString("_id"), recipient, subs));
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

    /** Over the kept connection; a failure on a kept one is retried once on a fresh connection. */
    private void send(MimeMessage message) throws Exception {
        message.saveChanges();
        boolean kept = transport != null && transport.isConnected();
        try {
            connected().sendMessage(message, message.getAllRecipients());
        } catch (Exception e) {
            closeTransport();
            if (!kept) {
                throw e;
            }
            connected().sendMessage(message, message.getAllRecipients());
        }
        transportUsedAt = System.nanoTime();
    }

    private Transport connected() throws Exception {
        if (transport == null || !transport.isConnected()) {
            transport = mail.getTransport("smtp");
            transport.connect();
        }
        return transport;
    }

    private void closeIdleTransport() {
        if (transport != null && System.nanoTime() - transportUsedAt > SMTP_KEEP_ALIVE_NANOS) {
            closeTransport();
        }
    }

    private void closeTransport() {
        if (transport != null) {
            try {
                transport.close();
            } catch (Exception ignored) {
                // closing a broken connection
            }
            transport = null;
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
        closeTransport();
    }
}
