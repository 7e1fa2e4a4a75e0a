package org.skillpath.infra;

import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * GreenMail SMTP on 127.0.0.1: receives every mail the system sends, for tests, the local stack and the
 * benchmark. It answers with TCP_NODELAY, as most SMTP servers do: stock GreenMail writes a reply in more than
 * one segment, and with Nagle's algorithm on the next one waits for the client's delayed ACK (about 40 ms), so a
 * mail cost 52-59 ms instead of 4-9 ms (BENCHMARKS.md).
 */
public final class EmbeddedSmtp implements AutoCloseable {

    private final GreenMail greenMail;

    private EmbeddedSmtp(int port, boolean noDelay) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        setup.setServerStartupTimeout(10_000);
        this.greenMail = noDelay ? new NoDelayGreenMail(setup) : new GreenMail(setup);
        greenMail.start();
    }

    /** Answers with TCP_NODELAY; {@code port} 0 picks a free one. */
    public static EmbeddedSmtp start(int port) {
        return start(port, true);
    }

    /** {@code noDelay} false: stock GreenMail, Nagle's algorithm on (to measure what it costs). */
    public static EmbeddedSmtp start(int port, boolean noDelay) {
        return new EmbeddedSmtp(port == 0 ? FreePorts.pick() : port, noDelay);
    }

    /** GreenMail whose SMTP server sets TCP_NODELAY on each accepted connection (also after a resume). */
    private static final class NoDelayGreenMail extends GreenMail {

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

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    public MimeMessage[] received() {
        return greenMail.getReceivedMessages();
    }

    /**
     * Every stored mail with the time GreenMail stored it (the end of its SMTP transaction); the same objects on
     * each call until {@link #reset()}, so callers can tell new mails by identity.
     */
    public List<StoredMessage> stored() {
        return greenMail.getManagers().getImapHostManager().getAllMessages();
    }

    public boolean awaitMails(int count, long timeoutMillis) {
        return greenMail.waitForIncomingEmail(timeoutMillis, count);
    }

    /** Forgets every mail and the mailboxes GreenMail created for their recipients. */
    public void reset() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (GreenMailUser user : List.copyOf(greenMail.getUserManager().listUser())) {
            greenMail.getUserManager().deleteUser(user);
        }
    }

    /** Stops the SMTP server (to simulate an outage); {@link #resume()} starts it again on the same port. */
    public void suspend() {
        greenMail.stop();
    }

    public void resume() {
        greenMail.start();
    }

    /** A readable summary of every received mail, for people reading the local stack's mails. */
    public List<ReceivedMail> summaries() {
        List<ReceivedMail> out = new ArrayList<>();
        for (MimeMessage m : received()) {
            out.add(ReceivedMail.of(m));
        }
        return out;
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    public record ReceivedMail(String messageId, String from, List<String> to, String subject, String sentAt,
                               List<String> headers, String text) {

        static ReceivedMail of(MimeMessage m) {
            try {
                List<String> to = new ArrayList<>();
                Address[] recipients = m.getAllRecipients();
                if (recipients != null) {
                    Arrays.stream(recipients).map(Address::toString).forEach(to::add);
                }
                List<String> headers = new ArrayList<>();
                for (var e = m.getAllHeaders(); e.hasMoreElements(); ) {
                    Header h = e.nextElement();
                    if (h.getName().startsWith("List-") || h.getName().startsWith("X-Skillpath")) {
                        headers.add(h.getName() + ": " + h.getValue());
                    }
                }
                return new ReceivedMail(m.getMessageID(), Arrays.toString(m.getFrom()), to, m.getSubject(),
                        String.valueOf(m.getSentDate()), headers, MailText.plainText(m));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
