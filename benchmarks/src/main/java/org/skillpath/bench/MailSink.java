package org.skillpath.bench;

import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.skillpath.infra.FreePorts;

/**
 * GreenMail SMTP on 127.0.0.1, as in the local stack, owned here so the benchmark can read each stored
 * message's received time (GreenMail stamps it when the SMTP transaction stores the mail). A poller matches
 * new mails to flights by recipient; the stamp does not depend on how often it polls.
 */
final class MailSink implements AutoCloseable {

    static final String PLAN_READY_SUBJECT = System.getProperty("bench.mailSubject", "Your learning plan is ready");

    private final GreenMail greenMail;
    private final Map<String, Flight> byEmail = new ConcurrentHashMap<>();
    private final Set<StoredMessage> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Thread poller;
    private volatile boolean running = true;

    /**
     * @param noDelay answer SMTP commands without Nagle's algorithm. Stock GreenMail writes a reply in more than
     *                one segment; with Nagle on, the next waits for the client's delayed ACK (about 40 ms here), so a
     *                mail costs 50 ms with Jakarta Mail and over 200 ms with a plain socket client, instead of ~5 ms
     */
    MailSink(boolean noDelay) {
        greenMail = start(noDelay);
        poller = new Thread(this::pollLoop, "mail-sink-poller");
        poller.setDaemon(true);
        poller.start();
    }

    static GreenMail start(boolean noDelay) {
        ServerSetup setup = new ServerSetup(FreePorts.pick(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        setup.setServerStartupTimeout(10_000);
        GreenMail server = noDelay ? new NoDelayGreenMail(setup) : new GreenMail(setup);
        server.start();
        return server;
    }

    /** GreenMail whose SMTP server sets TCP_NODELAY on each accepted connection, as most SMTP servers do. */
    static final class NoDelayGreenMail extends GreenMail {

        NoDelayGreenMail(ServerSetup setup) {
            super(new ServerSetup[] {setup});
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] setups, Managers managers) {
            Map<String, AbstractServer> services = new HashMap<>();
            services.put(ServerSetup.PROTOCOL_SMTP, new SmtpServer(setups[0], managers) {
                @Override
                protected void handleClientSocket(Socket client) throws SocketException {
                    client.setTcpNoDelay(true);
                    super.handleClientSocket(client);
                }
            });
            return services;
        }
    }

    int port() {
        return greenMail.getSmtp().getPort();
    }

    /** From now on, plan-ready mails to these flights' addresses are stamped on them. */
    void watch(List<Flight> flights) {
        flights.forEach(f -> byEmail.put(f.email.toLowerCase(), f));
    }

    /** Forgets the watched flights, the stored mails and the mailboxes: the next run starts empty. */
    synchronized void reset() {
        byEmail.clear();
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (GreenMailUser user : List.copyOf(greenMail.getUserManager().listUser())) {
            greenMail.getUserManager().deleteUser(user);
        }
        seen.clear();
    }

    /** The received mails of one address (for capturing the calibration mail). */
    synchronized List<MimeMessage> mailsTo(String email) {
        return greenMail.getManagers().getImapHostManager().getAllMessages().stream()
                .map(StoredMessage::getMimeMessage).filter(m -> recipients(m).contains(email.toLowerCase())).toList();
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
        for (StoredMessage stored : greenMail.getManagers().getImapHostManager().getAllMessages()) {
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
        greenMail.stop();
    }
}
