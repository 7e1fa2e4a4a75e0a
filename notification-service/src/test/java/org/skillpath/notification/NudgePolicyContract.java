package org.skillpath.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.skillpath.kit.test.TestTokens.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.cloudevents.CloudEvent;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.skillpath.infra.MailText;
import org.skillpath.kit.test.CloudEventsConformance;
import org.skillpath.kit.test.ContractSchemas;
import org.skillpath.kit.test.MutableClock;
import org.skillpath.kit.test.RawEvents;
import org.skillpath.kit.test.TestTokens;
import org.skillpath.kit.test.TopicReader;
import org.skillpath.notification.escalation.OverdueStep;
import org.skillpath.notification.nudges.ErasedModel;
import org.skillpath.notification.nudges.LogEntry;
import org.skillpath.notification.nudges.Nudge;
import org.skillpath.notification.nudges.NudgeKind;
import org.skillpath.notification.nudges.NudgeStatus;
import org.skillpath.notification.policy.SuppressionReason;
import org.skillpath.notification.recipients.Recipient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The delivery policy end to end on a real broker, store and SMTP server, with the service's Clock moved by
 * hand: every mail kind with its headers, quiet hours, the weekly cap, digests, one-click unsubscribe,
 * escalation and the manager digest, redelivery, erasure. Each test moves the clock on to a week of its own,
 * so caps and weekly jobs of one test never meet another's. Written once; run on the embedded infrastructure
 * and, where Docker exists, on Testcontainers.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(PolicyTestClock.class)
// Closed after the class: another live context in the same consumer group would take this one's records.
@DirtiesContext
abstract class NudgePolicyContract {

    static final String PEOPLE = "skillpath.people.v1";
    static final String ASSESSMENTS = "skillpath.assessment.v1";
    static final String PLANS = "skillpath.plan.v1";
    static final String PROGRESS = "skillpath.progress.v1";
    static final String NOTIFICATIONS = "skillpath.notification.v1";
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void policy(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestSmtp.SMTP::port);
        registry.add("skillpath.escalation.poll-ms", () -> "300");
        registry.add("skillpath.manager-digest.poll-ms", () -> "300");
    }

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    @Autowired
    Environment env;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MockMvc mvc;
    @Autowired
    MutableClock clock;

    // --- every kind ---

    @Test
    void everyMailKindArrivesWithItsContentAndOneClickUnsubscribeHeaders() throws Exception {
        moveTo(DayOfWeek.WEDNESDAY, LocalTime.of(11, 0));
        LocalDate today = today();
        Person bob = person("Bob Manager", null);
        Person alice = person("Alice Specialist", bob);
        Person carol = colleague("Carol Mentor", alice);
        Person rita = colleague("Rita Rater", alice);
        publishPeople(bob, alice, carol, rita);
        String planId = UUID.randomUUID().toString();

        publish(ASSESSMENTS, alice, "org.skillpath.assessment.requested", """
                {"assessmentId":"as-1","personId":"%s","orgId":"%s","roleProfileId":"team-lead","invitationId":"inv-1",
                 "raterId":"%s","raterGroup":"PEER","dueOn":"%s","requestedAt":"%s"}"""
                .formatted(alice.id(), alice.org(), rita.id(), today.plusDays(7), clock.instant()));
        publish(PLANS, alice, "org.skillpath.mentor.assigned", """
                {"planId":"%s","personId":"%s","orgId":"%s","mentorId":"%s","skillIds":["conflict-resolution"],
                 "assignedAt":"%s","reason":"Carol is strong in conflict resolution, outside your reporting line"}"""
                .formatted(planId, alice.id(), alice.org(), carol.id(), clock.instant()));
        publish(PROGRESS, alice, "org.skillpath.step.due-soon", dueSoonJson(alice, planId, "s1",
                "Ask three colleagues for feedback", today.plusDays(3)));
        publish(PROGRESS, alice, "org.skillpath.step.overdue", overdueJson(alice, "plan-earlier", "s2", "Document a process",
                today.minusDays(8), 8, bob.id()));
        publish(PROGRESS, alice, "org.skillpath.step.completed", completedJson(alice, planId, "s3",
                "Conflict resolution workshop", 1, 3));
        publish(PROGRESS, alice, "org.skillpath.plan.completed", """
                {"planId":"%s","personId":"%s","orgId":"%s","assessmentId":"as-0","completedAt":"%s","reassessmentDueOn":"%s"}"""
                .formatted(planId, alice.id(), alice.org(), clock.instant(), today.plusDays(14)));
        publish(PROGRESS, alice, "org.skillpath.reassessment.due", """
                {"planId":"%s","personId":"%s","orgId":"%s","previousAssessmentId":"as-0","roleProfileId":"team-lead","dueOn":"%s"}"""
                .formatted(planId, alice.id(), alice.org(), today.plusDays(14)));

        assertThat(text(oneMail(rita, NudgeKind.RATER_INVITATION, "Your feedback is requested")))
                .contains("feedback on Alice Specialist’s skills", "assessments/as-1/invitations/inv-1");
        assertThat(text(oneMail(alice, NudgeKind.MENTOR_INTRODUCTION, "Meet your mentoring partner")))
                .contains("Carol Mentor will be your mentor for: Conflict resolution", carol.email());
        assertThat(text(oneMail(carol, NudgeKind.MENTOR_INTRODUCTION, "Meet your mentoring partner")))
                .contains("thank you for mentoring Alice Specialist", alice.email());
        assertThat(text(oneMail(alice, NudgeKind.DUE_SOON, "A step in your plan is due soon")))
                .contains("“Ask three colleagues for feedback” is due on");
        assertThat(text(oneMail(alice, NudgeKind.OVERDUE, "A step in your plan is overdue")))
                .contains("“Document a process” was due on", "8 day(s) overdue");
        assertThat(text(oneMail(alice, NudgeKind.ENCOURAGEMENT, "Well done: a step completed")))
                .contains("you completed “Conflict resolution workshop”", "33% done: 1 of 3 steps");
        assertThat(text(oneMail(alice, NudgeKind.PLAN_COMPLETED, "You completed your learning plan")))
                .contains("invite you and your raters to a reassessment");
        assertThat(text(oneMail(alice, NudgeKind.REASSESSMENT_DUE, "Time to measure your growth")))
                .contains("your reassessment is due on");
        // Eight days overdue is past the 7-day threshold: the manager hears of it at once.
        assertThat(text(oneMail(bob, NudgeKind.OVERDUE_ESCALATION, "A step in your team is overdue")))
                .contains("the step “Document a process” of Alice Specialist");

        // Every mail was announced exactly once, as a contract-valid CloudEvent keyed by its recipient.
        List<ConsumerRecord<String, byte[]>> aliceEvents = eventsOf(alice, 6);
        assertThat(aliceEvents).hasSize(6);
        for (ConsumerRecord<String, byte[]> r : aliceEvents) {
            CloudEvent event = CloudEventsConformance.read(r);
            assertThat(event.getType()).isEqualTo("org.skillpath.nudge.sent");
            ContractSchemas.assertValid(event.getType(), new String(event.getData().toBytes(), StandardCharsets.UTF_8));
        }
    }

    // --- quiet hours ---

    @Test
    void remindersInsideQuietHoursWaitForTheMorningWhileThePlanReadyMailGoesAtOnce() throws Exception {
        moveTo(DayOfWeek.WEDNESDAY, LocalTime.of(21, 30));
        Person dora = person("Dora Nightowl", null);
        publishPeople(dora);
        publish(PLANS, dora, "org.skillpath.plan.created", planJson(dora));
        String dueSoon = publish(PROGRESS, dora, "org.skillpath.step.due-soon", dueSoonJson(dora, "plan-q", "s1",
                "Read a book on negotiation", today().plusDays(3)));

        oneMail(dora, NudgeKind.PLAN_READY, "Your learning plan is ready");
        Instant morning = ZonedDateTime.of(today().plusDays(1), LocalTime.of(8, 0), BERLIN).toInstant();
        Nudge deferred = awaitNudge(nudgeId(dueSoon, dora, NudgeKind.DUE_SOON), NudgeStatus.DEFERRED);
        assertThat(deferred.getNextAttemptAt()).isEqualTo(morning);
        assertThat(deferred.getLog()).extracting(LogEntry::outcome, LogEntry::reason, LogEntry::until)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DEFERRED", "QUIET_HOURS", morning));
        clock.set(morning.minusSeconds(60));
        stillNoMail(dora, NudgeKind.DUE_SOON);

        clock.set(morning);
        oneMail(dora, NudgeKind.DUE_SOON, "A step in your plan is due soon");
        awaitNudge(deferred.getId(), NudgeStatus.SENT);
        mvc.perform(get("/api/nudges").param("personId", dora.id()).with(bearer(ownToken(dora))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(2))
                .andExpect(jsonPath("$.items[?(@.kind == 'DUE_SOON')].decisions[0].outcome").value("DEFERRED"))
                .andExpect(jsonPath("$.items[?(@.kind == 'DUE_SOON')].decisions[0].reason").value("QUIET_HOURS"))
                .andExpect(jsonPath("$.items[?(@.kind == 'DUE_SOON')].decisions[1].outcome").value("SENT"))
                .andExpect(jsonPath("$.items[?(@.kind == 'PLAN_READY')].decisions[0].outcome").value("SENT"));
    }

    // --- weekly cap ---

    @Test
    void theWeeklyCapSuppressesTheFourthReminderButNeverAnInvitation() throws Exception {
        moveTo(DayOfWeek.TUESDAY, LocalTime.of(10, 0));
        Person eve = person("Eve Busy", null);
        publishPeople(eve);
        for (int i = 1; i <= 4; i++) {
            publish(PROGRESS, eve, "org.skillpath.step.due-soon", dueSoonJson(eve, "plan-c", "s" + i, "Step " + i,
                    today().plusDays(4)));
        }
        publish(ASSESSMENTS, eve, "org.skillpath.assessment.requested", """
                {"assessmentId":"as-c","personId":"%s","orgId":"%s","roleProfileId":"team-lead","invitationId":"inv-c",
                 "raterId":"%s","raterGroup":"SELF","dueOn":"%s","requestedAt":"%s"}"""
                .formatted(eve.id(), eve.org(), eve.id(), today().plusDays(7), clock.instant()));

        await().atMost(PATIENCE).until(() -> mailsTo(eve, NudgeKind.DUE_SOON).size() == 3
                && nudges(eve, NudgeStatus.SUPPRESSED).size() == 1);
        oneMail(eve, NudgeKind.RATER_INVITATION, "Your feedback is requested");
        Nudge capped = nudges(eve, NudgeStatus.SUPPRESSED).get(0);
        assertThat(capped.getSuppressedReason()).isEqualTo(SuppressionReason.WEEKLY_CAP);
        assertThat(meters.find("skillpath.nudges.suppressed").tag("reason", "WEEKLY_CAP").counter())
                .as("suppressions are counted by reason").isNotNull()
                .satisfies(c -> assertThat(c.count()).isGreaterThanOrEqualTo(1));
        stillNoMoreThan(eve, NudgeKind.DUE_SOON, 3);

        ConsumerRecord<String, byte[]> suppressed = eventsOf(eve, 5).stream()
                .filter(r -> "org.skillpath.nudge.suppressed".equals(TopicReader.header(r, "ce_type"))).findFirst()
                .orElseThrow();
        String payload = TopicReader.value(suppressed);
        ContractSchemas.assertValid("org.skillpath.nudge.suppressed", payload);
        assertThat(payload).contains("\"reason\":\"WEEKLY_CAP\"", "\"nudgeId\":\"" + capped.getId() + "\"",
                "\"kind\":\"DUE_SOON\"");

        // A new ISO week, a new allowance.
        moveTo(DayOfWeek.MONDAY, LocalTime.of(10, 0));
        publish(PROGRESS, eve, "org.skillpath.step.due-soon", dueSoonJson(eve, "plan-c", "s5", "Step 5",
                today().plusDays(4)));
        await().atMost(PATIENCE).until(() -> mailsTo(eve, NudgeKind.DUE_SOON).size() == 4);
    }

    // --- redelivery ---

    @Test
    void aRedeliveredReminderOrInvitationIsMailedOnce() throws Exception {
        moveTo(DayOfWeek.THURSDAY, LocalTime.of(10, 0));
        Person finn = person("Finn Twice", null);
        Person rater = colleague("Gus Rater", finn);
        publishPeople(finn, rater);
        String overdueId = UUID.randomUUID().toString();
        String overdue = overdueJson(finn, "plan-r", "s1", "Lead a retrospective", today().minusDays(2), 2, null);
        String inviteId = UUID.randomUUID().toString();
        String invite = """
                {"assessmentId":"as-r","personId":"%s","orgId":"%s","roleProfileId":"team-lead","invitationId":"inv-r",
                 "raterId":"%s","raterGroup":"PEER","dueOn":"%s","requestedAt":"%s"}"""
                .formatted(finn.id(), finn.org(), rater.id(), today().plusDays(7), clock.instant());
        for (int i = 0; i < 2; i++) {
            publish(PROGRESS, finn, overdueId, "org.skillpath.step.overdue", overdue);
            publish(ASSESSMENTS, finn, inviteId, "org.skillpath.assessment.requested", invite);
        }

        oneMail(finn, NudgeKind.OVERDUE, "A step in your plan is overdue");
        oneMail(rater, NudgeKind.RATER_INVITATION, "Your feedback is requested");
        assertThat(mongo.count(Query.query(Criteria.where("recipientId").is(finn.id())), Nudge.class)).isEqualTo(1);
        assertThat(mongo.count(Query.query(Criteria.where("personId").is(finn.id())), OverdueStep.class)).isEqualTo(1);
        assertThat(eventsOf(finn, 1)).hasSize(1);
        assertThat(eventsOf(rater, 1)).hasSize(1);
    }

    // --- digest mode ---

    @Test
    void aDailyDigestGathersTheDaysRemindersIntoOneMorningMail() throws Exception {
        moveTo(DayOfWeek.WEDNESDAY, LocalTime.of(10, 0));
        Person hana = person("Hana Digest", null);
        publishPeople(hana);
        mvc.perform(put("/api/preferences/{id}", hana.id()).with(bearer(ownToken(hana)))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"digest\":\"DAILY\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.digest").value("DAILY"));
        publish(PROGRESS, hana, "org.skillpath.step.due-soon", dueSoonJson(hana, "plan-d", "s1",
                "Read a book on negotiation", today().plusDays(3)));
        publish(PROGRESS, hana, "org.skillpath.step.completed", completedJson(hana, "plan-d", "s2",
                "Shadow a budget review", 2, 5));
        publish(PROGRESS, hana, "org.skillpath.step.overdue", overdueJson(hana, "plan-d", "s3", "Document a process",
                today().minusDays(2), 2, null));

        await().atMost(PATIENCE).until(() -> nudges(hana, NudgeStatus.DIGESTED).size() == 3);
        List<Nudge> gathered = nudges(hana, NudgeStatus.DIGESTED);
        assertThat(gathered).extracting(Nudge::getDigestId).containsOnly(gathered.get(0).getDigestId());
        Instant nextMorning = ZonedDateTime.of(today().plusDays(1), LocalTime.of(8, 0), BERLIN).toInstant();
        Nudge digest = mongo.findById(gathered.get(0).getDigestId(), Nudge.class);
        assertThat(digest.getKind()).isEqualTo(NudgeKind.DIGEST);
        assertThat(digest.getNextAttemptAt()).isEqualTo(nextMorning);
        stillNoMail(hana, null);

        clock.set(nextMorning);
        MimeMessage mail = oneMail(hana, NudgeKind.DIGEST, "Your Skillpath digest");
        assertThat(text(mail)).contains("“Read a book on negotiation” is due on",
                "You completed “Shadow a budget review”: your plan is 40% done.", "“Document a process” was due on");
        assertThat(mail.getHeader("List-Unsubscribe", null)).startsWith("<http://127.0.0.1:8084/unsubscribe?token=");
        assertThat(TestSmtp.mailsTo(hana.email())).hasSize(1);
    }

    // --- unsubscribe ---

    @Test
    void theOneClickLinkUnsubscribesFromThatCategoryOnlyAndATamperedOneIsRefused() throws Exception {
        moveTo(DayOfWeek.WEDNESDAY, LocalTime.of(10, 0));
        Person ivy = person("Ivy Quiet", null);
        publishPeople(ivy);
        publish(PROGRESS, ivy, "org.skillpath.step.completed", completedJson(ivy, "plan-u", "s1", "Mentoring session", 1, 4));
        MimeMessage mail = oneMail(ivy, NudgeKind.ENCOURAGEMENT, "Well done: a step completed");
        assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        String header = mail.getHeader("List-Unsubscribe", null);
        assertThat(header).startsWith("<http://127.0.0.1:8084/unsubscribe?token=").endsWith(">");
        String token = header.substring(header.indexOf("token=") + 6, header.length() - 1);
        assertThat(text(mail)).contains("/unsubscribe?token=" + token);

        // A link scanner's GET changes nothing; it only shows the button.
        mvc.perform(get("/unsubscribe").param("token", token))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("<form method=\"post\"")));
        preferencesOf(ivy).andExpect(jsonPath("$.categories.ENCOURAGEMENT.subscribed").value(true));

        // A tampered token (another category under the same signature) is refused and changes nothing.
        String signature = token.substring(token.indexOf('.') + 1);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("v1\n" + ivy.org() + "\n" + ivy.id() + "\nINVITATIONS").getBytes(StandardCharsets.UTF_8)) + "." + signature;
        mvc.perform(post("/unsubscribe").param("token", forged)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED).content("List-Unsubscribe=One-Click"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("token"));
        mvc.perform(post("/unsubscribe").param("token", token.substring(0, token.length() - 2) + "xx"))
                .andExpect(status().isBadRequest());

        // RFC 8058 one-click: a POST with List-Unsubscribe=One-Click, no login, 200.
        mvc.perform(post("/unsubscribe").param("token", token)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED).content("List-Unsubscribe=One-Click"))
                .andExpect(status().isOk());
        preferencesOf(ivy)
                .andExpect(jsonPath("$.categories.ENCOURAGEMENT.subscribed").value(false))
                .andExpect(jsonPath("$.categories.INVITATIONS.subscribed").value(true))
                .andExpect(jsonPath("$.categories.INVITATIONS.transactional").value(true))
                .andExpect(jsonPath("$.categories.REMINDERS.subscribed").value(true));

        String second = publish(PROGRESS, ivy, "org.skillpath.step.completed",
                completedJson(ivy, "plan-u", "s2", "Feedback round", 2, 4));
        publish(ASSESSMENTS, ivy, "org.skillpath.assessment.requested", """
                {"assessmentId":"as-u","personId":"%s","orgId":"%s","roleProfileId":"team-lead","invitationId":"inv-u",
                 "raterId":"%s","raterGroup":"SELF","dueOn":"%s","requestedAt":"%s"}"""
                .formatted(ivy.id(), ivy.org(), ivy.id(), today().plusDays(7), clock.instant()));
        oneMail(ivy, NudgeKind.RATER_INVITATION, "Your feedback is requested");
        Nudge suppressed = awaitNudge(nudgeId(second, ivy, NudgeKind.ENCOURAGEMENT), NudgeStatus.SUPPRESSED);
        assertThat(suppressed.getSuppressedReason()).isEqualTo(SuppressionReason.UNSUBSCRIBED);
        assertThat(mailsTo(ivy, NudgeKind.ENCOURAGEMENT)).hasSize(1);
    }

    @Test
    void thePreferencesApiValidatesItsInputWithProblemDetails() throws Exception {
        Person jo = person("Jo Settings", null);
        publishPeople(jo);
        preferencesOf(jo)
                .andExpect(jsonPath("$.digest").value("OFF"))
                .andExpect(jsonPath("$.quietHours.start").value("20:00"))
                .andExpect(jsonPath("$.quietHours.end").value("08:00"))
                .andExpect(jsonPath("$.ownQuietHours").value(false));
        mvc.perform(put("/api/preferences/{id}", jo.id()).with(bearer(ownToken(jo)))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"categories\":{\"REMINDERS\":false},\"digest\":\"WEEKLY\",\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:30\"}}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.categories.REMINDERS.subscribed").value(false))
                .andExpect(jsonPath("$.quietHours.start").value("22:00"))
                .andExpect(jsonPath("$.ownQuietHours").value(true));
        mvc.perform(put("/api/preferences/{id}", jo.id()).with(bearer(ownToken(jo)))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"quietHours\":{\"start\":\"25:00\",\"end\":\"07:00\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("quietHours.start"));
        mvc.perform(put("/api/preferences/{id}", jo.id()).with(bearer(ownToken(jo)))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"categories\":{\"SPAM\":false}}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(put("/api/preferences/{id}", jo.id()).with(bearer(ownToken(jo)))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"digest\":\"HOURLY\"}"))
                .andExpect(status().isBadRequest());
        // Someone this service has never heard of (no person.upserted yet) has no preferences to show.
        String nobody = "nobody-" + UUID.randomUUID();
        mvc.perform(get("/api/preferences/{id}", nobody).with(bearer(TestTokens.employee(jo.org(), nobody))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/preferences/{id}", jo.id()).with(bearer(TestTokens.employee("org-other", jo.id()))))
                .andExpect(status().isNotFound());
        mvc.perform(post("/unsubscribe"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("token"));
    }

    // --- escalation and manager digest ---

    @Test
    void anOverdueStepIsEscalatedToTheManagerOnceAfterTheThresholdUnlessCompleted() throws Exception {
        moveTo(DayOfWeek.WEDNESDAY, LocalTime.of(11, 0));
        Person kim = person("Kim Lead", null);
        Person leo = person("Leo Late", kim);
        publishPeople(kim, leo);
        String overdueId = UUID.randomUUID().toString();
        String overdue = overdueJson(leo, "plan-e", "s1", "Own a budget line", today().minusDays(2), 2, null);
        publish(PROGRESS, leo, overdueId, "org.skillpath.step.overdue", overdue);
        publish(PROGRESS, leo, "org.skillpath.step.overdue", overdueJson(leo, "plan-e", "s2", "Give a talk",
                today().minusDays(2), 2, null));
        publish(PROGRESS, leo, "org.skillpath.step.completed", completedJson(leo, "plan-e", "s2", "Give a talk", 1, 4));
        await().atMost(PATIENCE).until(() -> mailsTo(leo, NudgeKind.OVERDUE).size() == 2);
        stillNoMail(kim, NudgeKind.OVERDUE_ESCALATION);

        clock.advance(Duration.ofDays(5));
        assertThat(text(oneMail(kim, NudgeKind.OVERDUE_ESCALATION, "A step in your team is overdue")))
                .contains("the step “Own a budget line” of Leo Late", "7 days overdue");
        publish(PROGRESS, leo, overdueId, "org.skillpath.step.overdue", overdue);
        clock.advance(Duration.ofHours(1));
        stillNoMoreThan(kim, NudgeKind.OVERDUE_ESCALATION, 1);
        assertThat(mongo.find(Query.query(Criteria.where("personId").is(leo.id())), OverdueStep.class))
                .extracting(OverdueStep::getStepId, OverdueStep::getStatus, OverdueStep::isResolved)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("s1", OverdueStep.Status.ESCALATED, false),
                        org.assertj.core.groups.Tuple.tuple("s2", OverdueStep.Status.OPEN, true));
    }

    @Test
    void theManagerGetsOneWeeklyDigestOfTheTeamsNews() throws Exception {
        moveTo(DayOfWeek.WEDNESDAY, LocalTime.of(11, 0));
        Person mia = person("Mia Manager", null);
        Person ned = person("Ned Progress", mia);
        Person ola = person("Ola Overdue", mia);
        Person pia = person("Pia Calm", mia);
        publishPeople(mia, ned, ola, pia);
        publish(PROGRESS, ned, "org.skillpath.step.completed", completedJson(ned, "plan-m", "s1",
                "Lead a retrospective", 1, 4));
        publish(PROGRESS, ola, "org.skillpath.step.overdue", overdueJson(ola, "plan-o", "s1",
                "Document the release process", today().minusDays(1), 1, mia.id()));
        await().atMost(PATIENCE).until(() -> mailsTo(ned, NudgeKind.ENCOURAGEMENT).size() == 1
                && mailsTo(ola, NudgeKind.OVERDUE).size() == 1);

        // The week is over: the digest of that week goes out on Monday morning.
        moveTo(DayOfWeek.MONDAY, LocalTime.of(10, 0), clock.instant().atZone(BERLIN).toLocalDate()
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY)));
        MimeMessage digest = oneMail(mia, NudgeKind.MANAGER_DIGEST, "Your team’s week in Skillpath");
        assertThat(text(digest)).contains("Ned Progress", "Completed: Lead a retrospective", "Plan progress: 25%.",
                "Ola Overdue", "Overdue: Document the release process").doesNotContain("Pia Calm");
        stillNoMoreThan(mia, NudgeKind.MANAGER_DIGEST, 1);
    }

    // --- erasure ---

    @Test
    void anErasedPersonGetsNoMoreMailAndTheirDeliveryLogIsAnonymised() throws Exception {
        moveTo(DayOfWeek.WEDNESDAY, LocalTime.of(21, 0));
        Person max = person("Max Erased", null);
        publishPeople(max);
        String plan = publish(PLANS, max, "org.skillpath.plan.created", planJson(max));
        String dueSoon = publish(PROGRESS, max, "org.skillpath.step.due-soon", dueSoonJson(max, "plan-x", "s1",
                "Practise active listening", today().plusDays(3)));
        oneMail(max, NudgeKind.PLAN_READY, "Your learning plan is ready");
        String sentId = nudgeId(plan, max, NudgeKind.PLAN_READY);
        String pendingId = nudgeId(dueSoon, max, NudgeKind.DUE_SOON);
        awaitNudge(pendingId, NudgeStatus.DEFERRED);
        awaitNudge(sentId, NudgeStatus.SENT);

        RawEvents.publish(bootstrap(), PEOPLE, max.id(), RawEvents.ceHeaders(UUID.randomUUID().toString(),
                "org.skillpath.person.erased", max.org(), "people/" + max.id()), null);
        await().atMost(PATIENCE).untilAsserted(() -> {
            Nudge pending = mongo.findById(pendingId, Nudge.class);
            assertThat(pending.getStatus()).isEqualTo(NudgeStatus.SUPPRESSED);
            assertThat(pending.getSuppressedReason()).isEqualTo(SuppressionReason.ERASED);
        });
        for (String id : List.of(sentId, pendingId)) {
            Nudge n = mongo.findById(id, Nudge.class);
            assertThat(n.getRecipientId()).startsWith("erased-").isNotEqualTo(max.id());
            assertThat(n.getModel()).isInstanceOf(ErasedModel.class);
        }
        Recipient marker = mongo.findById(max.id(), Recipient.class);
        assertThat(marker.isErased()).isTrue();
        assertThat(marker.getEmail()).isNull();
        assertThat(marker.getDisplayName()).isNull();
        mvc.perform(get("/api/nudges").param("personId", max.id()).with(bearer(ownToken(max))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(0));
        mvc.perform(get("/api/preferences/{id}", max.id()).with(bearer(ownToken(max))))
                .andExpect(status().isNotFound());
        assertThat(eventsOf(max, 2)).extracting(r -> TopicReader.header(r, "ce_type"))
                .containsExactlyInAnyOrder("org.skillpath.nudge.sent", "org.skillpath.nudge.suppressed");

        // Later events about them are decided against, never mailed, also after the quiet hours.
        String later = publish(PROGRESS, max, "org.skillpath.step.completed", completedJson(max, "plan-x", "s1",
                "Practise active listening", 1, 3));
        Nudge refused = awaitNudge(nudgeId(later, max, NudgeKind.ENCOURAGEMENT), NudgeStatus.SUPPRESSED);
        assertThat(refused.getSuppressedReason()).isEqualTo(SuppressionReason.ERASED);
        clock.advance(Duration.ofHours(12));
        stillNoMoreThan(max, null, 1);
    }

    // --- poison ---

    @Test
    void poisonOnTheNewTopicsGoesToTheirDeadLetterTopics() throws Exception {
        Person una = person("Una Robust", null);
        publishPeople(una);
        String malformed = "poison-json-" + UUID.randomUUID();
        String unknownType = "poison-type-" + UUID.randomUUID();
        RawEvents.publish(bootstrap(), ASSESSMENTS, malformed, RawEvents.ceHeaders(UUID.randomUUID().toString(),
                "org.skillpath.assessment.requested", una.org(), "assessments/x"), "{\"assessmentId\": oops");
        RawEvents.publish(bootstrap(), PROGRESS, unknownType, RawEvents.ceHeaders(UUID.randomUUID().toString(),
                "org.skillpath.step.exploded", una.org(), "plans/x"), "{}");
        List<ConsumerRecord<String, byte[]>> deadAssessments = TopicReader.read(bootstrap(),
                ASSESSMENTS + ".notification-service.dlt", PATIENCE,
                recs -> recs.stream().anyMatch(r -> malformed.equals(r.key())));
        assertThat(deadAssessments.stream().filter(r -> malformed.equals(r.key())).findFirst().orElseThrow())
                .satisfies(r -> assertThat(TopicReader.header(r, "x-exception-message")).contains("does not fit"));
        List<ConsumerRecord<String, byte[]>> deadProgress = TopicReader.read(bootstrap(),
                PROGRESS + ".notification-service.dlt", PATIENCE,
                recs -> recs.stream().anyMatch(r -> unknownType.equals(r.key())));
        assertThat(deadProgress.stream().filter(r -> unknownType.equals(r.key())).findFirst().orElseThrow())
                .satisfies(r -> assertThat(TopicReader.header(r, "x-exception-message")).contains("org.skillpath.step.exploded"));

        publish(PROGRESS, una, "org.skillpath.step.completed", completedJson(una, "plan-p", "s1", "Still works", 1, 2));
        oneMail(una, NudgeKind.ENCOURAGEMENT, "Well done: a step completed");
    }

    // --- helpers ---

    record Person(String id, String org, String name, String email, String managerId) {
    }

    /** A new person of a new organisation; with a manager, of the manager's organisation. */
    static Person person(String name, Person manager) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String org = manager != null ? manager.org() : "org-" + suffix;
        return new Person(UUID.randomUUID().toString(), org, name,
                name.split(" ")[0].toLowerCase() + "." + suffix + "@example.org", manager == null ? null : manager.id());
    }

    /** A new person of the same organisation, without a manager. */
    static Person colleague(String name, Person of) {
        Person p = person(name, null);
        return new Person(p.id(), of.org(), p.name(), p.email(), null);
    }

    String bootstrap() {
        return env.getRequiredProperty("spring.kafka.bootstrap-servers");
    }

    LocalDate today() {
        return clock.instant().atZone(BERLIN).toLocalDate();
    }

    /** Moves the clock forward to {@code day} at {@code time} in Berlin, in a week after the current one. */
    void moveTo(DayOfWeek day, LocalTime time) {
        LocalDate nextWeek = today().plusWeeks(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        moveTo(day, time, nextWeek);
    }

    void moveTo(DayOfWeek day, LocalTime time, LocalDate weekOf) {
        LocalDate date = weekOf.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .with(TemporalAdjusters.nextOrSame(day));
        Instant target = ZonedDateTime.of(date, time, BERLIN).toInstant();
        assertThat(target).as("the clock only moves forward").isAfter(clock.instant());
        clock.set(target);
    }

    void publishPeople(Person... people) {
        for (Person p : people) {
            String json = """
                    {"personId":"%s","orgId":"%s","userName":"%s","displayName":"%s","email":"%s","managerId":%s,
                     "locale":"en","timeZone":"Europe/Berlin","active":true,"mentorOptIn":false,
                     "changedAt":"2026-11-21T09:00:00Z"}""".formatted(p.id(), p.org(), p.email(), p.name(), p.email(),
                    p.managerId() == null ? "null" : "\"" + p.managerId() + "\"");
            publish(PEOPLE, p, "org.skillpath.person.upserted", json);
        }
        for (Person p : people) {
            await().atMost(PATIENCE).until(() -> mongo.findById(p.id(), Recipient.class) != null);
        }
    }

    /** Publishes a contract-valid event keyed by the person; returns its id. */
    String publish(String topic, Person key, String type, String json) {
        String id = UUID.randomUUID().toString();
        publish(topic, key, id, type, json);
        return id;
    }

    void publish(String topic, Person key, String eventId, String type, String json) {
        ContractSchemas.assertValid(type, json);
        RawEvents.publish(bootstrap(), topic, key.id(), RawEvents.ceHeaders(eventId, type, key.org(),
                "people/" + key.id()), json);
    }

    String dueSoonJson(Person p, String planId, String stepId, String title, LocalDate dueOn) {
        return """
                {"planId":"%s","stepId":"%s","personId":"%s","orgId":"%s","title":"%s","dueOn":"%s","detectedAt":"%s"}"""
                .formatted(planId, stepId, p.id(), p.org(), title, dueOn, clock.instant());
    }

    String overdueJson(Person p, String planId, String stepId, String title, LocalDate dueOn, int days, String managerId) {
        return """
                {"planId":"%s","stepId":"%s","personId":"%s","orgId":"%s","title":"%s","dueOn":"%s","detectedAt":"%s",
                 "daysOverdue":%d,"managerId":%s}"""
                .formatted(planId, stepId, p.id(), p.org(), title, dueOn, clock.instant(), days,
                        managerId == null ? "null" : "\"" + managerId + "\"");
    }

    String completedJson(Person p, String planId, String stepId, String title, int done, int total) {
        return """
                {"planId":"%s","stepId":"%s","personId":"%s","orgId":"%s","activityId":null,"skillId":null,"title":"%s",
                 "completedAt":"%s","source":"PERSON","reflection":null,"planProgressPercent":%d,"completedSteps":%d,
                 "totalSteps":%d}"""
                .formatted(planId, stepId, p.id(), p.org(), title, clock.instant(), done * 100 / total, done, total);
    }

    static String planJson(Person p) {
        return """
                {"planId":"%s","personId":"%s","orgId":"%s","assessmentId":"%s","roleName":"Team Lead",
                 "createdAt":"2026-11-21T10:00:00Z","startsOn":"2026-11-23","endsOn":"2027-02-14",
                 "weeklyBudgetHours":3,"status":"ACTIVE","mix":{"experience":0.7,"social":0.2,"formal":0.1},
                 "mentorId":null,"notes":[],
                 "steps":[
                  {"stepId":"s1","activityId":"a-workshop","title":"Conflict resolution workshop","format":"WORKSHOP",
                   "bucket":"FORMAL","skillId":"conflict-resolution","effortHours":8,"startsOn":"2026-11-23",
                   "dueOn":"2026-12-11","reason":"Conflict resolution is 2 levels below the team-lead profile",
                   "xapiActivityId":null}
                 ]}""".formatted(UUID.randomUUID(), p.id(), p.org(), UUID.randomUUID());
    }

    static String nudgeId(String eventId, Person recipient, NudgeKind kind) {
        return org.skillpath.kit.events.DeterministicIds.of("/skillpath/test#" + eventId, recipient.id(), kind.name());
    }

    static List<MimeMessage> mailsTo(Person p, NudgeKind kind) {
        return TestSmtp.mailsTo(p.email()).stream().filter(m -> kind == null || kind.name().equals(header(m))).toList();
    }

    private static String header(MimeMessage m) {
        try {
            return m.getHeader("X-Skillpath-Kind", null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the one mail of this kind, checks its subject and headers, and that no second one follows. */
    static MimeMessage oneMail(Person p, NudgeKind kind, String subject) throws Exception {
        await().atMost(PATIENCE).until(() -> !mailsTo(p, kind).isEmpty());
        stillNoMoreThan(p, kind, 1);
        MimeMessage mail = mailsTo(p, kind).get(0);
        assertThat(mail.getSubject()).isEqualTo(subject);
        assertThat(mail.isMimeType("multipart/alternative")).isTrue();
        assertThat(mail.getHeader("List-Unsubscribe", null)).startsWith("<http://127.0.0.1:8084/unsubscribe?token=");
        assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(mail.getHeader("X-Skillpath-Nudge-Id", null)).isNotBlank();
        assertThat(Arrays.toString(mail.getAllRecipients())).contains(p.email());
        return mail;
    }

    /** Several dispatcher rounds (one a second) pass without a mail of this kind arriving. */
    static void stillNoMail(Person p, NudgeKind kind) {
        stillNoMoreThan(p, kind, 0);
    }

    static void stillNoMoreThan(Person p, NudgeKind kind, int count) {
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(10))
                .until(() -> mailsTo(p, kind).size() <= count);
    }

    static String text(MimeMessage mail) {
        return MailText.plainText(mail);
    }

    List<Nudge> nudges(Person p, NudgeStatus status) {
        return mongo.find(Query.query(Criteria.where("recipientId").is(p.id()).and("orgId").is(p.org())
                .and("status").is(status)), Nudge.class);
    }

    Nudge awaitNudge(String id, NudgeStatus status) {
        await().atMost(PATIENCE).pollInterval(100, TimeUnit.MILLISECONDS).untilAsserted(() -> {
            Nudge n = mongo.findById(id, Nudge.class);
            assertThat(n).isNotNull();
            assertThat(n.getStatus()).isEqualTo(status);
        });
        return mongo.findById(id, Nudge.class);
    }

    /** The person's events on the notification topic, once at least {@code expected} have arrived. */
    List<ConsumerRecord<String, byte[]>> eventsOf(Person p, int expected) {
        TopicReader.read(bootstrap(), NOTIFICATIONS, PATIENCE,
                recs -> recs.stream().filter(r -> p.id().equals(r.key())).count() >= expected);
        return TopicReader.readAll(bootstrap(), NOTIFICATIONS, Duration.ofSeconds(1)).stream()
                .filter(r -> p.id().equals(r.key())).toList();
    }

    /** The token of the person themself: preferences and delivery log are theirs alone. */
    static String ownToken(Person p) {
        return TestTokens.employee(p.org(), p.id());
    }

    org.springframework.test.web.servlet.ResultActions preferencesOf(Person p) throws Exception {
        return mvc.perform(get("/api/preferences/{id}", p.id()).with(bearer(ownToken(p))))
                .andExpect(status().isOk());
    }
}
