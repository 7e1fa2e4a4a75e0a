package org.skillpath.notification.mail;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;

/**
 * Builds a nudge's mail: multipart/alternative with the plain-text part first and the HTML part last (the
 * order mail clients prefer), rendered from the same model in the recipient's language, with the RFC 8058
 * one-click unsubscribe headers ({@code List-Unsubscribe} and {@code List-Unsubscribe-Post}).
 */
@Component
public class MailComposer {

    public static final String NUDGE_ID_HEADER = "X-Skillpath-Nudge-Id";
    public static final String KIND_HEADER = "X-Skillpath-Kind";
    public static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";
    public static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";

    // Every mail is built here, so this covers the service however it runs: its jar, tests, the local stack.
    static {
        StreamProviderProperty.apply();
    }

    private final JavaMailSender sender;
    private final SpringTemplateEngine templates;
    private final MessageSource messages;
    private final Clock clock;
    private final InternetAddress from;

    public MailComposer(JavaMailSender sender, SpringTemplateEngine templates, MessageSource messages, Clock clock,
                        @Value("${skillpath.mail.from:Skillpath <no-reply@skillpath.local>}") String from) {
        this.sender = sender;
        this.templates = templates;
        this.messages = messages;
        this.clock = clock;
        try {
            this.from = new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("skillpath.mail.from is not a valid address: " + from, e);
        }
    }

    public MimeMessage compose(OutgoingMail mail) {
        String subject = messages.getMessage("mail." + mail.template() + ".subject", null, mail.locale());
        Context context = new Context(mail.locale(), mail.variables());
        context.setVariable("name", mail.toName());
        context.setVariable("subject", subject);
        context.setVariable("unsubscribeUrl", mail.unsubscribeUrl());
        String text = templates.process("mail/" + mail.template() + ".txt", context);
        String html = templates.process("mail/" + mail.template() + ".html", context);
        try {
            MimeMessage message = sender.createMimeMessage();
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO,
                    new InternetAddress(mail.toAddress(), mail.toName(), StandardCharsets.UTF_8.name()));
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(clock.instant()));
            MimeMultipart alternatives = new MimeMultipart("alternative");
            alternatives.addBodyPart(part(text, "plain"));
            alternatives.addBodyPart(part(html, "html"));
            message.setContent(alternatives);
            message.setHeader(NUDGE_ID_HEADER, mail.nudgeId());
            message.setHeader(KIND_HEADER, mail.kind());
            if (mail.unsubscribeUrl() != null) {
                message.setHeader(LIST_UNSUBSCRIBE, "<" + mail.unsubscribeUrl() + ">");
                message.setHeader(LIST_UNSUBSCRIBE_POST, "List-Unsubscribe=One-Click");
            }
            // One Message-ID per nudge (the sender keeps an explicit one): should the rare resend happen,
            // mail clients and servers see the same message twice and can fold it.
            message.setHeader("Message-ID", "<" + mail.nudgeId() + "@" + domain() + ">");
            return message;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("cannot compose the mail of nudge " + mail.nudgeId(), e);
        }
    }

    private static MimeBodyPart part(String content, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(content, StandardCharsets.UTF_8.name(), subtype);
        return part;
    }

    private String domain() {
        String address = from.getAddress();
        return address.substring(address.indexOf('@') + 1);
    }
}
