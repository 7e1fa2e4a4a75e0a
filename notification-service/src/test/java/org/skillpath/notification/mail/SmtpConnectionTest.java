package org.skillpath.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** One SMTP connection for a burst of mails, and failures that look exactly like {@link JavaMailSenderImpl}'s. */
class SmtpConnectionTest {

    private final ScriptedSmtpServer server = server();
    private final JavaMailSenderImpl sender = sender(server.port());

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void aBurstOfMailsGoesOverOneConnectionWithEachMailsOwnMessageId() throws Exception {
        SmtpConnection smtp = new SmtpConnection(sender, Duration.ofSeconds(5));
        for (int i = 1; i <= 3; i++) {
            smtp.send(mail("alice@example.org", "<nudge-" + i + "@skillpath.local>"));
        }
        smtp.destroy();

        assertThat(server.messageIds()).containsExactly("<nudge-1@skillpath.local>", "<nudge-2@skillpath.local>",
                "<nudge-3@skillpath.local>");
        assertThat(server.connections()).isEqualTo(1);
        await().until(() -> server.quits() == 1);
    }

    @Test
    void aConnectionTheServerDroppedMeanwhileIsReplacedWithoutFailingTheMail() throws Exception {
        SmtpConnection smtp = new SmtpConnection(sender, Duration.ofSeconds(5));
        smtp.send(mail("alice@example.org", "<nudge-1@skillpath.local>"));
        server.dropConnections();

        smtp.send(mail("alice@example.org", "<nudge-2@skillpath.local>"));

        assertThat(server.messageIds()).containsExactly("<nudge-1@skillpath.local>", "<nudge-2@skillpath.local>");
        assertThat(server.connections()).isEqualTo(2);
        smtp.destroy();
    }

    @Test
    void anIdleConnectionIsClosedAfterTheKeepAlive() throws Exception {
        SmtpConnection smtp = new SmtpConnection(sender, Duration.ofMillis(100));
        smtp.send(mail("alice@example.org", "<nudge-1@skillpath.local>"));
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            smtp.closeIfIdle();
            return server.quits() == 1;
        });

        smtp.send(mail("alice@example.org", "<nudge-2@skillpath.local>"));
        assertThat(server.connections()).isEqualTo(2);
        smtp.destroy();
    }

    @Test
    void withoutKeepAliveEachMailHasAConnectionOfItsOwn() throws Exception {
        SmtpConnection smtp = new SmtpConnection(sender, Duration.ZERO);
        smtp.send(mail("alice@example.org", "<nudge-1@skillpath.local>"));
        smtp.send(mail("alice@example.org", "<nudge-2@skillpath.local>"));

        assertThat(server.connections()).isEqualTo(2);
        await().until(() -> server.quits() == 2);
    }

    @Test
    void aRejectedMailFailsWithTheSameExceptionAsJavaMailSenderImplsAndIsSentOnce() throws Exception {
        SmtpConnection smtp = new SmtpConnection(sender, Duration.ofSeconds(5));
        MailSendException expected = thrownBy(() -> sender.send(mail("reject@example.org", "<nudge-0@skillpath.local>")));
        int connectionsBefore = server.connections();

        MailSendException failed = thrownBy(() -> smtp.send(mail("reject@example.org", "<nudge-1@skillpath.local>")));

        assertThat(failed.getMessage()).contains("550 5.1.1 no such user").isEqualTo(expected.getMessage());
        assertThat(server.connections() - connectionsBefore).as("no second try on a new connection").isEqualTo(1);
        assertThat(server.messageIds()).isEmpty();
        // The next mail opens a new connection: the failed one was closed.
        smtp.send(mail("alice@example.org", "<nudge-2@skillpath.local>"));
        assertThat(server.messageIds()).containsExactly("<nudge-2@skillpath.local>");
        smtp.destroy();
    }

    @Test
    void anUnreachableServerFailsWithTheSameExceptionAsJavaMailSenderImpls() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        JavaMailSenderImpl unreachable = sender(closedPort);
        MailSendException expected = thrownBy(() -> unreachable.send(mail("alice@example.org", "<n@skillpath.local>")));

        MailSendException failed = thrownBy(() -> new SmtpConnection(unreachable, Duration.ofSeconds(5))
                .send(mail("alice@example.org", "<n@skillpath.local>")));

        assertThat(failed.getMessage()).startsWith("Mail server connection failed").isEqualTo(expected.getMessage());
    }

    private MimeMessage mail(String to, String messageId) throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        message.setFrom(new InternetAddress("no-reply@skillpath.local"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject("Your learning plan is ready");
        message.setText("Hello Alice,", "UTF-8");
        message.setHeader("Message-ID", messageId);
        return message;
    }

    private static MailSendException thrownBy(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(MailSendException.class);
        return (MailSendException) thrown;
    }

    private static ScriptedSmtpServer server() {
        try {
            return new ScriptedSmtpServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JavaMailSenderImpl sender(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        sender.setDefaultEncoding("UTF-8");
        return sender;
    }
}
