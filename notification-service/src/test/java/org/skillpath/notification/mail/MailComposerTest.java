package org.skillpath.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import jakarta.mail.BodyPart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.skillpath.infra.MailText;
import org.skillpath.notification.nudges.People;
import org.skillpath.notification.nudges.PlanReadyModel;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.thymeleaf.spring6.SpringTemplateEngine;

/** The plan-ready mail rendered from the real templates and message bundle, without any server. */
class MailComposerTest {

    private final MailComposer composer = composer();

    private static MailComposer composer() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        SpringTemplateEngine engine = new MailTemplates().mailTemplateEngine();
        engine.setMessageSource(messages);
        return new MailComposer(new JavaMailSenderImpl(), engine, messages,
                Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC), "Skillpath <no-reply@skillpath.local>");
    }

    private static OutgoingMail planReady(String name, String roleName, Locale locale) {
        PlanReadyModel plan = new PlanReadyModel("plan-1", roleName, LocalDate.of(2026, 11, 23),
                LocalDate.of(2027, 2, 14), 3, List.of(
                new PlanReadyModel.Step("Conflict resolution workshop", "WORKSHOP", LocalDate.of(2026, 12, 11),
                        "Conflict resolution is 2 levels below the team-lead profile"),
                new PlanReadyModel.Step("Own a budget line for a quarter", "PRACTICE", LocalDate.of(2027, 2, 12),
                        "Budgeting is the largest gap & needs practice")));
        return new OutgoingMail("nudge-1", "PLAN_READY", "plan-ready", "alice@example.org", name, locale,
                plan.templateVariables(People.NONE), "http://127.0.0.1:8084/unsubscribe?token=t.s");
    }

    @Test
    void buildsATextAndHtmlAlternativeWithTheNudgeHeaders() throws Exception {
        MimeMessage message = composer.compose(planReady("Alice Example", "Team Lead", Locale.ENGLISH));
        // Read before saveChanges(), which assigns a fresh id; the sender keeps an explicit one (checked in the IT).
        assertThat(message.getHeader("Message-ID", null)).isEqualTo("<nudge-1@skillpath.local>");
        message.saveChanges();

        assertThat(message.getSubject()).isEqualTo("Your learning plan is ready");
        assertThat(((InternetAddress) message.getFrom()[0]).getAddress()).isEqualTo("no-reply@skillpath.local");
        assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("Skillpath");
        assertThat(((InternetAddress) message.getAllRecipients()[0]).getPersonal()).isEqualTo("Alice Example");
        assertThat(message.getHeader(MailComposer.NUDGE_ID_HEADER, null)).isEqualTo("nudge-1");
        assertThat(message.getHeader(MailComposer.KIND_HEADER, null)).isEqualTo("PLAN_READY");
        assertThat(message.isMimeType("multipart/alternative")).isTrue();

        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        BodyPart text = parts.getBodyPart(0);
        BodyPart html = parts.getBodyPart(1);
        assertThat(text.isMimeType("text/plain")).as("plain text first, HTML last").isTrue();
        assertThat(html.isMimeType("text/html")).isTrue();

        String plain = MailText.plainText(message);
        assertThat(plain)
                .startsWith("Hello Alice Example,")
                .contains("your personal learning plan towards Team Lead is ready.")
                .contains("It runs from 23 November 2026 to 14 February 2027, about 3 hours a week.")
                .contains("1. Conflict resolution workshop (Workshop, due 11 December 2026)")
                .contains("Why: Conflict resolution is 2 levels below the team-lead profile")
                .contains("2. Own a budget line for a quarter (On-the-job practice, due 12 February 2027)")
                .contains("Why: Budgeting is the largest gap & needs practice")
                .contains("Your Skillpath team")
                .doesNotContain("[(", "#{", "${");
        String markup = String.valueOf(html.getContent());
        assertThat(markup)
                .contains("Hello Alice Example,")
                .contains("Conflict resolution workshop")
                .contains("Budgeting is the largest gap &amp; needs practice")
                .contains("11 December 2026")
                .contains("Your Skillpath team");
    }

    @Test
    void escapesNamesInHtmlAndFallsBackToEnglishForOtherLocales() throws Exception {
        MimeMessage message = composer.compose(planReady("<b>Mallory</b>", null, Locale.forLanguageTag("de-DE")));
        message.saveChanges();

        assertThat(message.getSubject()).as("no German bundle yet: English").isEqualTo("Your learning plan is ready");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(String.valueOf(parts.getBodyPart(1).getContent()))
                .contains("&lt;b&gt;Mallory&lt;/b&gt;").doesNotContain("<b>Mallory</b>");
        assertThat(MailText.plainText(message)).contains("your personal learning plan is ready.");
    }
}
