package org.skillpath.bench;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.icegreen.greenmail.store.StoredMessage;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.skillpath.infra.EmbeddedSmtp;

/**
 * The local stack's SMTP server ({@link EmbeddedSmtp}), watched so the benchmark can read each stored
 * message's received time (GreenMail stamps it when the SMTP transaction stores the mail). A poller matches
 * new mails to flights by recipient; the stamp does not depend on how often it polls.
 */
final class MailSink implements AutoCloseable {

    static final String PLAN_READY_SUBJECT = System.getProperty("bench.mailSubject", "Your learning plan is ready");

    private final EmbeddedSmtp smtp;
    private final Map<String, Flight> byEmail = new ConcurrentHashMap<>();
    private final Set<StoredMessage> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Thread poller;
    private volatile boolean running = true;

    /**
     * @param noDelay answer SMTP commands without Nagle's algorithm (the local stack's default). Stock GreenMail
     *                writes a reply in more than one segment; with Nagle on, the next waits for the client's delayed
     *                ACK (about 40 ms here), so a mail costs 50 ms with Jakarta Mail and over 200 ms with a plain
     *                socket client, instead of ~5 ms
     */
    MailSink(boolean noDelay) {
        smtp = EmbeddedSmtp.start(0, noDelay);
        poller = new Thread(this::pollLoop, "mail-sink-poller");
        poller.setDaemon(true);
        poller.start();
    }

    int port() {
        return smtp.port();
    }

    /** From now on, plan-ready mails to these flights' addresses are stamped on them. */
    void watch(List<Flight> flights) {
        flights.forEach(f -> byEmail.put(f.email.toLowerCase(), f));
    }

    /** Forgets the watched flights, the stored mails and the mailboxes: the next run starts empty. */
    synchronized void reset() {
        byEmail.clear();
        smtp.reset();
        seen.clear();
    }

    /** The received mails of one address (for capturing the calibration mail). */
    synchronized List<MimeMessage> mailsTo(String email) {
        return smtp.stored().stream().map(StoredMessage::getMimeMessage)
                .filter(m -> recipients(m).contains(email.toLowerCase())).toList();
    }

    private void pollLoop() {
        while (running) {
            try {
                scan();
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                System.err.println("mail sink: " + e);
            }
        }
    }

    private synchronized void scan() {
        for (StoredMessage stored : smtp.stored()) {
            if (!seen.add(stored)) {
                continue;
            }
            MimeMessage m = stored.getMimeMessage();
            Flight flight = null;
            for (String to : recipients(m)) {
                flight = byEmail.get(to);
                if (flight != null) {
                    break;
                }
            }
            if (flight == null || !PLAN_READY_SUBJECT.equals(subject(m))) {
                continue;
            }
            flight.mails++;
            if (flight.mailed == 0) {
                flight.mailed = stored.getReceivedDate().getTime() * 1_000L;
            }
        }
    }

    private static List<String> recipients(MimeMessage m) {
        try {
            Address[] all = m.getAllRecipients();
            if (all == null) {
                return List.of();
            }
            return java.util.Arrays.stream(all).map(a -> a instanceof InternetAddress ia ? ia.getAddress() : a.toString())
                    .map(String::toLowerCase).toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return String.valueOf(m.getSubject());
        } catch (Exception e) {
            return "";
        }
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
        smtp.close();
    }
}
