package org.skillpath.infra;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** GreenMail SMTP on 127.0.0.1: receives every mail the system sends, for tests and the local stack. */
public final class EmbeddedSmtp implements AutoCloseable {

    private final GreenMail greenMail;

    private EmbeddedSmtp(int port) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        setup.setServerStartupTimeout(10_000);
        this.greenMail = new GreenMail(setup);
        greenMail.start();
    }

    public static EmbeddedSmtp start(int port) {
        return new EmbeddedSmtp(port == 0 ? FreePorts.pick() : port);
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    public MimeMessage[] received() {
        return greenMail.getReceivedMessages();
    }

    public boolean awaitMails(int count, long timeoutMillis) {
        return greenMail.waitForIncomingEmail(timeoutMillis, count);
    }

    public void reset() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
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
