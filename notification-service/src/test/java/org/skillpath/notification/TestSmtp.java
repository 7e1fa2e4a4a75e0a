package org.skillpath.notification;

import java.util.Arrays;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.skillpath.infra.EmbeddedSmtp;

/**
 * The one GreenMail server of the test JVM, started once. It receives every mail of the JVM (and forgets them
 * on {@code suspend()}), so tests look only at the mails to their own unique address.
 */
final class TestSmtp {

    static final EmbeddedSmtp SMTP = EmbeddedSmtp.start(0);

    private TestSmtp() {
    }

    static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(SMTP.received()).filter(m -> isTo(m, address)).toList();
    }

    private static boolean isTo(MimeMessage message, String address) {
        try {
            Address[] to = message.getAllRecipients();
            return to != null && Arrays.stream(to)
                    .anyMatch(a -> a instanceof InternetAddress ia && address.equalsIgnoreCase(ia.getAddress()));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
