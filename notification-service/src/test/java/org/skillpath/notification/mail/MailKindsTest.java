package org.skillpath.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.skillpath.infra.MailText;
import org.skillpath.notification.nudges.DigestModel;
import org.skillpath.notification.nudges.EncouragementModel;
import org.skillpath.notification.nudges.EscalationModel;
import org.skillpath.notification.nudges.ManagerDigestModel;
import org.skillpath.notification.nudges.MentorIntroductionModel;
import org.skillpath.notification.nudges.NudgeKind;
import org.skillpath.notification.nudges.NudgeModel;
import org.skillpath.notification.nudges.People;
import org.skillpath.notification.nudges.PlanReadyModel;
import org.skillpath.notification.nudges.PlanCompletedModel;
import org.skillpath.notification.nudges.RaterInvitationModel;
import org.skillpath.notification.nudges.ReassessmentDueModel;
import org.skillpath.notification.nudges.StepModel;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.thymeleaf.spring6.SpringTemplateEngine;

/** Every mail kind rendered from the real templates: subject, both alternatives, names, dates, the footer link. */
class MailKindsTest {

    private static final String UNSUBSCRIBE = "http://127.0.0.1:8084/unsubscribe?token=abc.def";
    private static final People PEOPLE = new People() {
        private final Map<String, String> names = Map.of("alice", "Alice Example", "carol", "Carol <Mentor>");

        @Override
        public String nameOf(String personId) {
            return names.get(personId);
        }

        @Override
        public String emailOf(String personId) {
            return names.containsKey(personId) ? personId + "@example.org" : null;
        }
    };

    private final MailComposer composer = composer(true);

    /** @param compiled whether Spring EL expressions are compiled once hot, as in the service */
    private static MailComposer composer(boolean compiled) {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        SpringTemplateEngine engine = new MailTemplates().mailTemplateEngine();
        engine.setEnableSpringELCompiler(compiled);
        engine.setMessageSource(messages);
        return new MailComposer(new JavaMailSenderImpl(), engine, messages,
                Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC), "Skillpath <no-reply@skillpath.local>");
    }

    private Rendered render(NudgeKind kind, NudgeModel model) throws Exception {
        MimeMessage message = composer.compose(new OutgoingMail("n-" + kind, kind.name(), kind.template(),
                "bob@example.org", "Bob Reader", Locale.ENGLISH, model.templateVariables(PEOPLE), UNSUBSCRIBE));
        message.saveChanges();
        String text = MailText.plainText(message);
        String html = String.valueOf(((MimeMultipart) message.getContent()).getBodyPart(1).getContent());
        assertThat(message.getHeader(MailComposer.LIST_UNSUBSCRIBE, null)).isEqualTo("<" + UNSUBSCRIBE + ">");
        assertThat(message.getHeader(MailComposer.LIST_UNSUBSCRIBE_POST, null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(message.getHeader(MailComposer.KIND_HEADER, null)).isEqualTo(kind.name());
        assertThat(text).startsWith("Hello Bob Reader,").contains("Your Skillpath team", UNSUBSCRIBE)
                .doesNotContain("[(", "#{", "${", "??", "null");
        assertThat(html).contains("Hello Bob Reader,", "href=\"" + UNSUBSCRIBE + "\"").doesNotContain("??", "null");
        return new Rendered(message.getSubject(), text, html);
    }

    record Rendered(String subject, String text, String html) {
    }

    /** The subject and both alternatives as the recipient reads them. */
    private static Rendered content(MimeMessage message) throws Exception {
        message.saveChanges();
        return new Rendered(message.getSubject(), MailText.plainText(message),
                String.valueOf(((MimeMultipart) message.getContent()).getBodyPart(1).getContent()));
    }

    private static OutgoingMail mail(NudgeKind kind, NudgeModel model) {
        return new OutgoingMail("n-" + kind, kind.name(), kind.template(), "bob@example.org", "Bob Reader",
                Locale.ENGLISH, model.templateVariables(PEOPLE), UNSUBSCRIBE);
    }

    /**
     * The engine compiles an expression to bytecode after its first hundred evaluations (MailTemplates): every
     * kind, with values of changing shape (a role or none, a count or none, either side of a match), must render
     * the same before and after.
     */
    @Test
    void compiledExpressionsRenderEveryKindExactlyAsInterpretedOnes() throws Exception {
        List<OutgoingMail> mails = List.of(
                mail(NudgeKind.PLAN_READY, new PlanReadyModel("plan-1", "Team Lead", LocalDate.of(2026, 11, 23),
                        LocalDate.of(2027, 2, 14), 3, List.of(new PlanReadyModel.Step("Conflict resolution workshop",
                        "WORKSHOP", LocalDate.of(2026, 12, 11), "Two levels below the profile")))),
                mail(NudgeKind.PLAN_READY, new PlanReadyModel("plan-2", null, LocalDate.of(2026, 11, 23),
                        LocalDate.of(2027, 2, 14), 2.5, List.of(new PlanReadyModel.Step("Own a budget line",
                        "PRACTICE", LocalDate.of(2027, 2, 12), "The largest gap & more")))),
                mail(NudgeKind.RATER_INVITATION, new RaterInvitationModel("a-1", "i-1", "alice", "PEER",
                        LocalDate.of(2026, 12, 4), "http://127.0.0.1:8081/assessments/a-1/invitations/i-1")),
                mail(NudgeKind.RATER_INVITATION, new RaterInvitationModel("a-1", "i-2", "bob", "SELF",
                        LocalDate.of(2026, 12, 4), "http://x/a-1/i-2")),
                mail(NudgeKind.MENTOR_INTRODUCTION, new MentorIntroductionModel("plan-1", "bob", "carol",
                        List.of("conflict-resolution", "budgeting"), "Carol is strong in conflict resolution", false)),
                mail(NudgeKind.MENTOR_INTRODUCTION, new MentorIntroductionModel("plan-1", "alice", "bob",
                        List.of("budgeting"), "Bob owns a budget", true)),
                mail(NudgeKind.DUE_SOON, new StepModel("p", "s", "Ask three colleagues", LocalDate.of(2026, 12, 1), null)),
                mail(NudgeKind.OVERDUE, new StepModel("p", "s", "Document a process", LocalDate.of(2026, 11, 13), 8)),
                mail(NudgeKind.OVERDUE_ESCALATION, new EscalationModel("p", "s", "Document a process",
                        LocalDate.of(2026, 11, 13), "alice", 7)),
                mail(NudgeKind.ENCOURAGEMENT, new EncouragementModel("p", "s", "Conflict resolution workshop", 40, 2, 5)),
                mail(NudgeKind.PLAN_COMPLETED, new PlanCompletedModel("p", LocalDate.of(2027, 3, 1))),
                mail(NudgeKind.REASSESSMENT_DUE, new ReassessmentDueModel("p", "a-0", LocalDate.of(2027, 3, 1))),
                mail(NudgeKind.MANAGER_DIGEST, new ManagerDigestModel("2026-W48", LocalDate.of(2026, 11, 23),
                        LocalDate.of(2026, 11, 29), List.of(
                        new ManagerDigestModel.Report("alice", List.of("Conflict resolution workshop"),
                                List.of(new ManagerDigestModel.Overdue("Document a process", LocalDate.of(2026, 11, 20))),
                                false, false, null, 40),
                        new ManagerDigestModel.Report("erased-someone", List.of("Secret step"), List.of(), true, false,
                                null, 10)))),
                mail(NudgeKind.DIGEST, new DigestModel(List.of(
                        new DigestModel.Item("n1", NudgeKind.DUE_SOON, "e1",
                                new StepModel("p", "s1", "Read a book", LocalDate.of(2026, 12, 1), null)),
                        new DigestModel.Item("n2", NudgeKind.ENCOURAGEMENT, "e2",
                                new EncouragementModel("p", "s2", "Shadow a budget review", 60, 3, 5)),
                        new DigestModel.Item("n3", NudgeKind.OVERDUE, "e3",
                                new StepModel("p", "s3", "Document a process", LocalDate.of(2026, 11, 13), 8))))));
        MailComposer interpreted = composer(false);
        List<Rendered> expected = new ArrayList<>();
        for (OutgoingMail mail : mails) {
            expected.add(content(interpreted.compose(mail)));
        }
        for (int round = 0; round < 150; round++) {
            for (int i = 0; i < mails.size(); i++) {
                assertThat(content(composer.compose(mails.get(i)))).as("round %d, mail %d", round, i)
                        .isEqualTo(expected.get(i));
            }
        }
    }

    @Test
    void raterInvitationsNameTheAssessedPersonTheDueDateAndTheLink() throws Exception {
        Rendered peer = render(NudgeKind.RATER_INVITATION, new RaterInvitationModel("a-1", "i-1", "alice", "PEER",
                LocalDate.of(2026, 12, 4), "http://127.0.0.1:8081/assessments/a-1/invitations/i-1"));
        assertThat(peer.subject()).isEqualTo("Your feedback is requested");
        assertThat(peer.text()).contains("feedback on Alice Example’s skills", "Please answer by 4 December 2026",
                "Open the assessment: http://127.0.0.1:8081/assessments/a-1/invitations/i-1");
        assertThat(peer.html()).contains("href=\"http://127.0.0.1:8081/assessments/a-1/invitations/i-1\"");

        Rendered self = render(NudgeKind.RATER_INVITATION, new RaterInvitationModel("a-1", "i-2", "bob", "SELF",
                LocalDate.of(2026, 12, 4), "http://x/a-1/i-2"));
        assertThat(self.text()).contains("assess your own skills").doesNotContain("feedback on");
    }

    @Test
    void mentorIntroductionsIntroduceEachSideToTheOther() throws Exception {
        Rendered toMentee = render(NudgeKind.MENTOR_INTRODUCTION, new MentorIntroductionModel("plan-1", "bob", "carol",
                List.of("conflict-resolution", "budgeting"), "Carol is strong in conflict resolution", false));
        assertThat(toMentee.subject()).isEqualTo("Meet your mentoring partner");
        assertThat(toMentee.text()).contains("Carol <Mentor> will be your mentor for: Conflict resolution, Budgeting.",
                "Why this match: Carol is strong in conflict resolution", "reach Carol <Mentor> at carol@example.org");
        assertThat(toMentee.html()).contains("Carol &lt;Mentor&gt;").doesNotContain("<Mentor>");

        Rendered toMentor = render(NudgeKind.MENTOR_INTRODUCTION, new MentorIntroductionModel("plan-1", "alice", "bob",
                List.of("budgeting"), "Bob owns a budget", true));
        assertThat(toMentor.text()).contains("thank you for mentoring Alice Example, who is working on: Budgeting.",
                "alice@example.org");
    }

    @Test
    void remindersNameTheStepAndItsDueDate() throws Exception {
        Rendered dueSoon = render(NudgeKind.DUE_SOON, new StepModel("p", "s", "Ask three colleagues for feedback",
                LocalDate.of(2026, 12, 1), null));
        assertThat(dueSoon.subject()).isEqualTo("A step in your plan is due soon");
        assertThat(dueSoon.text()).contains("“Ask three colleagues for feedback” is due on 1 December 2026.");

        Rendered overdue = render(NudgeKind.OVERDUE, new StepModel("p", "s", "Document a process",
                LocalDate.of(2026, 11, 13), 8));
        assertThat(overdue.subject()).isEqualTo("A step in your plan is overdue");
        assertThat(overdue.text()).contains("“Document a process” was due on 13 November 2026 and is now 8 day(s) overdue.");

        Rendered escalation = render(NudgeKind.OVERDUE_ESCALATION, new EscalationModel("p", "s", "Document a process",
                LocalDate.of(2026, 11, 13), "alice", 7));
        assertThat(escalation.subject()).isEqualTo("A step in your team is overdue");
        assertThat(escalation.text()).contains("the step “Document a process” of Alice Example was due on 13 November 2026",
                "7 days overdue");
    }

    @Test
    void encouragementCompletionAndReassessmentShowProgressAndDates() throws Exception {
        Rendered well = render(NudgeKind.ENCOURAGEMENT, new EncouragementModel("p", "s", "Conflict resolution workshop",
                40, 2, 5));
        assertThat(well.subject()).isEqualTo("Well done: a step completed");
        assertThat(well.text()).contains("you completed “Conflict resolution workshop”", "Your plan is 40% done: 2 of 5 steps.");
        assertThat(well.html()).contains("width:40%");

        Rendered done = render(NudgeKind.PLAN_COMPLETED, new PlanCompletedModel("p", LocalDate.of(2027, 3, 1)));
        assertThat(done.subject()).isEqualTo("You completed your learning plan");
        assertThat(done.text()).contains("On 1 March 2027 we will invite you and your raters to a reassessment");

        Rendered reassess = render(NudgeKind.REASSESSMENT_DUE, new ReassessmentDueModel("p", "a-0", LocalDate.of(2027, 3, 1)));
        assertThat(reassess.subject()).isEqualTo("Time to measure your growth");
        assertThat(reassess.text()).contains("your reassessment is due on 1 March 2027");
    }

    @Test
    void theManagerDigestListsEachKnownReportsWeek() throws Exception {
        Rendered digest = render(NudgeKind.MANAGER_DIGEST, new ManagerDigestModel("2026-W48", LocalDate.of(2026, 11, 23),
                LocalDate.of(2026, 11, 29), List.of(
                new ManagerDigestModel.Report("alice", List.of("Conflict resolution workshop"),
                        List.of(new ManagerDigestModel.Overdue("Document a process", LocalDate.of(2026, 11, 20))),
                        false, false, null, 40),
                new ManagerDigestModel.Report("erased-someone", List.of("Secret step"), List.of(), true, false, null, 10))));
        assertThat(digest.subject()).isEqualTo("Your team’s week in Skillpath");
        assertThat(digest.text()).contains("week 2026-W48 (23 November 2026 to 29 November 2026)", "Alice Example",
                "Completed: Conflict resolution workshop", "Overdue: Document a process (due 20 November 2026)",
                "Plan progress: 40%.").doesNotContain("Secret step");
    }

    @Test
    void aPersonalDigestGathersEveryItemInOneMail() throws Exception {
        Rendered digest = render(NudgeKind.DIGEST, new DigestModel(List.of(
                new DigestModel.Item("n1", NudgeKind.DUE_SOON, "e1",
                        new StepModel("p", "s1", "Read a book on negotiation", LocalDate.of(2026, 12, 1), null)),
                new DigestModel.Item("n2", NudgeKind.ENCOURAGEMENT, "e2",
                        new EncouragementModel("p", "s2", "Shadow a budget review", 60, 3, 5)),
                new DigestModel.Item("n3", NudgeKind.OVERDUE, "e3",
                        new StepModel("p", "s3", "Document a process", LocalDate.of(2026, 11, 13), 8)))));
        assertThat(digest.subject()).isEqualTo("Your Skillpath digest");
        assertThat(digest.text()).contains("- “Read a book on negotiation” is due on 1 December 2026.",
                "- You completed “Shadow a budget review”: your plan is 60% done.",
                "- “Document a process” was due on 13 November 2026 and is overdue.");
        assertThat(digest.html()).contains("Read a book on negotiation", "Shadow a budget review", "Document a process");
    }
}
