package org.skillpath.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.skillpath.infra.EmbeddedSmtp;

/**
 * Milliseconds per mail sent with Jakarta Mail (a connection per mail, as Spring's JavaMailSender does) to stock
 * GreenMail and to GreenMail with TCP_NODELAY: evidence for the SMTP server the benchmark uses.
 */
final class SmtpProbe {

    private SmtpProbe() {
    }

    static Map<String, Double> measure(int mails) throws Exception {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("stockGreenMailMsPerMail", perMail(false, mails));
        out.put("noDelayGreenMailMsPerMail", perMail(true, mails));
        return out;
    }

    private static double perMail(boolean noDelay, int mails) throws Exception {
        try (EmbeddedSmtp server = EmbeddedSmtp.start(0, noDelay)) {
            Properties p = new Properties();
            p.put("mail.smtp.host", "127.0.0.1");
            p.put("mail.smtp.port", String.valueOf(server.port()));
            Session session = Session.getInstance(p);
            send(session, 0); // connection and class loading out of the way
            long t0 = System.nanoTime();
            for (int i = 1; i <= mails; i++) {
                send(session, i);
            }
            return Math.round((System.nanoTime() - t0) / 1e5 / mails) / 10.0;
        }
    }

    private static void send(Session session, int i) throws Exception {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("probe@skillpath.local"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("probe" + i + "@bench.example.com"));
        m.setSubject("probe");
        m.setText("A probe of the SMTP server's per-mail cost.");
        Transport.send(m);
    }
}
