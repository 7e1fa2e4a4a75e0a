package org.skillpath.notification.mail;

import java.time.Duration;
import java.util.Date;
import java.util.Map;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends the dispatcher's mails over one SMTP connection kept open across a burst of sends, instead of
 * {@link JavaMailSenderImpl#send}'s connection per mail (TCP, greeting, EHLO, QUIT), which cost the sending thread
 * about three times the CPU of the mail itself. The connection is closed once idle for
 * {@code skillpath.mail.keep-alive} ({@link #closeIfIdle()}, called after each dispatch round) and after any
 * failure.
 * <p>
 * A mail that fails on a connection kept from an earlier send is tried once more, at once, on a new connection:
 * the server may have dropped the idle connection, which says nothing about this mail. Only when that fails too
 * (or the first attempt was already on a new connection) does the send fail, with the exceptions
 * {@link JavaMailSenderImpl} throws, so a failed delivery counts and backs off exactly as before. The message is
 * prepared as {@link JavaMailSenderImpl} prepares it (its explicit Message-ID survives {@code saveChanges}).
 */
@Component
public class SmtpConnection implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SmtpConnection.class);

    private final JavaMailSenderImpl sender;
    private final long keepAliveNanos;
    private Transport transport;
    private long lastUsed;

    public SmtpConnection(JavaMailSenderImpl sender, @Value("${skillpath.mail.keep-alive:PT5S}") Duration keepAlive) {
        if (keepAlive.isNegative()) {
            throw new IllegalArgumentException("skillpath.mail.keep-alive must not be negative: " + keepAlive);
        }
        this.sender = sender;
        this.keepAliveNanos = keepAlive.toNanos();
    }

    /** Sends one mail, as {@link JavaMailSenderImpl#send(MimeMessage)} does but over the kept connection. */
    public synchronized void send(MimeMessage message) throws MailException {
        closeIfIdle();
        Address[] recipients;
        try {
            if (message.getSentDate() == null) {
                message.setSentDate(new Date());
            }
            String messageId = message.getMessageID();
            message.saveChanges();
            if (messageId != null) {
                message.setHeader("Message-ID", messageId);
            }
            recipients = message.getAllRecipients();
        } catch (MessagingException e) {
            throw new MailSendException(Map.of(message, e));
        }
        boolean kept = transport != null;
        try {
            transmit(message, recipients);
        } catch (MessagingException | IllegalStateException first) {
            close();
            if (!kept) {
                throw new MailSendException(Map.of(message, first));
            }
            log.debug("SMTP connection kept from before failed ({}); sending again on a new one", first.toString());
            try {
                transmit(message, recipients);
            } catch (MessagingException | IllegalStateException again) {
                close();
                throw new MailSendException(Map.of(message, again));
            }
        }
        if (keepAliveNanos == 0) {
            close();
        }
    }

    private void transmit(MimeMessage message, Address[] recipients) throws MessagingException {
        if (transport == null) {
            transport = connect(message);
        }
        transport.sendMessage(message, recipients != null ? recipients : new Address[0]);
        lastUsed = System.nanoTime();
    }

    /** As {@code JavaMailSenderImpl.connectTransport()}, failing as {@code JavaMailSenderImpl.send} does. */
    private Transport connect(MimeMessage message) {
        String username = sender.getUsername();
        String password = sender.getPassword();
        if ("".equals(username)) { // probably from a placeholder
            username = null;
            if ("".equals(password)) {
                password = null;
            }
        }
        try {
            String protocol = sender.getProtocol() != null ? sender.getProtocol()
                    : sender.getSession().getProperty("mail.transport.protocol");
            Transport t = sender.getSession().getTransport(protocol != null ? protocol
                    : JavaMailSenderImpl.DEFAULT_PROTOCOL);
            t.connect(sender.getHost(), sender.getPort(), username, password);
            return t;
        } catch (AuthenticationFailedException e) {
            throw new MailAuthenticationException(e);
        } catch (MessagingException e) {
            throw new MailSendException("Mail server connection failed", e, Map.of(message, e));
        }
    }

    /** Closes the connection when no mail went over it for the keep-alive time. */
    public synchronized void closeIfIdle() {
        if (transport != null && System.nanoTime() - lastUsed >= keepAliveNanos) {
            close();
        }
    }

    private void close() {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            log.debug("closing the SMTP connection failed: {}", e.toString());
        }
        transport = null;
    }

    @Override
    public synchronized void destroy() {
        close();
    }
}
