package org.skillpath.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;
import static org.skillpath.kit.test.TestTokens.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.cloudevents.CloudEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.skillpath.infra.MailText;
import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.kit.test.CloudEventsConformance;
import org.skillpath.kit.test.ContractSchemas;
import org.skillpath.kit.test.RawEvents;
import org.skillpath.kit.test.TestTokens;
import org.skillpath.kit.test.TopicReader;
import org.skillpath.notification.nudges.Nudge;
import org.skillpath.notification.nudges.NudgeStatus;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The notification hop on a real broker, store and SMTP server: person.upserted + plan.created in, exactly one
 * mail and exactly one nudge.sent out, whatever the order of arrival, redeliveries, SMTP outages and poison.
 * Written once; run on the embedded infrastructure and, where Docker exists, on Testcontainers.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(MongoCommands.class)
// Closed after the class: another live context in the same consumer group would take this one's records.
@DirtiesContext
abstract class NotificationHopContract {

    static final String PEOPLE = "skillpath.people.v1";
    static final String PLANS = "skillpath.plan.v1";
    static final String NOTIFICATIONS = "skillpath.notification.v1";
    static final String PLANS_DLT = "skillpath.plan.v1.notification-service.dlt";
    static final String GROUP = "notification-service";
    static final String TEST_SOURCE = "/skillpath/test";

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestSmtp.SMTP::port);
    }

    @Autowired
    Environment env;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MockMvc mvc;
    @Autowired
    MongoCommands commands;

    @Test
    void aPlanForAKnownPersonEndsInOneMailAndOneNudgeSentEvent() throws Exception {
        Person alice = newPerson("Alice Example");
        publishPerson(alice);
        awaitRecipient(alice);
        String eventId = UUID.randomUUID().toString();
        publishPlan(eventId, alice, "Team Lead");
        String nudgeId = nudgeId(eventId, alice);

        MimeMessage mail = exactlyOneMailTo(alice.email());
        assertThat(mail.getSubject()).isEqualTo("Your learning plan is ready");
        assertThat(mail.getHeader("X-Skillpath-Nudge-Id", null)).isEqualTo(nudgeId);
        assertThat(mail.getHeader("X-Skillpath-Kind", null)).isEqualTo("PLAN_READY");
        assertThat(mail.getHeader("Message-ID", null)).isEqualTo("<" + nudgeId + "@skillpath.local>");
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("no-reply@skillpath.local");
        assertThat(mail.isMimeType("multipart/alternative")).isTrue();
        String text = MailText.plainText(mail);
        assertThat(text).contains("Hello Alice Example,", "towards Team Lead",
                "Conflict resolution workshop", "Conflict resolution is 2 levels below the team-lead profile",
                "Own a budget line for a quarter", "Budgeting is the largest gap for the team-lead profile",
                "due 11 December 2026");
        String html = String.valueOf(((MimeMultipart) mail.getContent()).getBodyPart(1).getContent());
        assertThat(html).contains("Conflict resolution workshop", "Own a budget line for a quarter");

        Nudge nudge = awaitSentAndPublished(nudgeId);
        assertThat(nudge.getAttempts()).isEqualTo(1);
        assertThat(nudge.getCauseEventId()).isEqualTo(eventId);

        ConsumerRecord<String, byte[]> record = exactlyOneNudgeSent(alice.personId());
        CloudEvent event = CloudEventsConformance.read(record);
        assertThat(event.getType()).isEqualTo("org.skillpath.nudge.sent");
        assertThat(event.getId()).isEqualTo(DeterministicIds.of("nudge.sent", nudgeId));
        assertThat(event.getSource().toString()).isEqualTo("/skillpath/notification-service");
        assertThat(event.getSubject()).isEqualTo("nudges/" + nudgeId);
        assertThat(event.getExtension("orgid")).isEqualTo(alice.orgId());
        String payload = new String(event.getData().toBytes(), StandardCharsets.UTF_8);
        ContractSchemas.assertValid("org.skillpath.nudge.sent", payload);
        assertThat(payload).contains("\"nudgeId\":\"" + nudgeId + "\"", "\"personId\":\"" + alice.personId() + "\"",
                "\"causeEventId\":\"" + eventId + "\"", "\"kind\":\"PLAN_READY\"", "\"channel\":\"EMAIL\"");
    }

    @Test
    void aPlanArrivingBeforeItsPersonIsMailedOnceThePersonArrives() throws Exception {
        Person bob = newPerson("Bob Early");
        String eventId = UUID.randomUUID().toString();
        publishPlan(eventId, bob, null);
        String nudgeId = nudgeId(eventId, bob);

        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            Nudge waiting = mongo.findById(nudgeId, Nudge.class);
            assertThat(waiting).isNotNull();
            assertThat(waiting.getStatus()).isEqualTo(NudgeStatus.INTENDED);
            assertThat(waiting.getAttempts()).isGreaterThanOrEqualTo(1);
            assertThat(waiting.getLastError()).startsWith("recipient unknown");
        });
        assertThat(TestSmtp.mailsTo(bob.email())).isEmpty();

        publishPerson(bob);
        MimeMessage mail = exactlyOneMailTo(bob.email());
        assertThat(mail.getHeader("X-Skillpath-Nudge-Id", null)).isEqualTo(nudgeId);
        assertThat(MailText.plainText(mail)).contains("Conflict resolution workshop");
        awaitSentAndPublished(nudgeId);
        exactlyOneNudgeSent(bob.personId());
    }

    /**
     * The store round trips from a plan.created to its mail and nudge.sent, over every thread they pass: the
     * consumer (tenant check, team activity, nudge inserted with the dispatcher's lease), the dispatcher (recipient
     * joined with their preferences, SENT) and the relay (claim, removal, clear). A deterministic count, to keep
     * it from creeping back up; only a claim that lost a race to a scan may come on top (it finds nothing).
     */
    @Test
    void aPlanCreatedCostsEightStoreCommandsUpToItsMail() throws Exception {
        Person gus = newPerson("Gus Counted");
        publishPerson(gus);
        awaitRecipient(gus);
        awaitConsumed(PEOPLE);
        String eventId = UUID.randomUUID().toString();
        String nudgeId = nudgeId(eventId, gus);

        commands.start();
        publishPlan(eventId, gus, "Team Lead");
        exactlyOneMailTo(gus.email());
        awaitSentAndPublished(nudgeId);
        // The relay's last command clears the pending flag.
        await().atMost(10, TimeUnit.SECONDS).until(() -> Boolean.FALSE.equals(
                mongo.getCollection(Nudge.COLLECTION).find(new Document("_id", nudgeId)).first().get("outboxPending")));
        List<MongoCommands.Command> used = commands.stop(gus.personId(), nudgeId);

        System.out.println("store commands for one plan.created up to its mail: " + used.size() + "\n  "
                + used.stream().map(String::valueOf).collect(Collectors.joining("\n  ")));
        assertThat(used.stream().filter(c -> !c.claimedNothing())).as("commands of one plan.created")
                .hasSizeLessThanOrEqualTo(8);
        assertThat(used.stream().filter(MongoCommands.Command::claimedNothing)).as("claims that lost a race")
                .hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void aRedeliveredPlanCreatedYieldsOneNudgeAndOneMail() throws Exception {
        Person carol = newPerson("Carol Twice");
        publishPerson(carol);
        awaitRecipient(carol);
        String eventId = UUID.randomUUID().toString();
        publishPlan(eventId, carol, "Team Lead");
        publishPlan(eventId, carol, "Team Lead");
        awaitConsumed(PLANS);

        exactlyOneMailTo(carol.email());
        awaitSentAndPublished(nudgeId(eventId, carol));
        assertThat(mongo.count(Query.query(Criteria.where("recipientId").is(carol.personId())), Nudge.class))
                .isEqualTo(1);
        exactlyOneNudgeSent(carol.personId());
    }

    @Test
    void anSmtpOutageDelaysTheMailButNeverLosesOrDuplicatesIt() throws Exception {
        Person dana = newPerson("Dana Patient");
        publishPerson(dana);
        awaitRecipient(dana);
        String eventId = UUID.randomUUID().toString();
        String nudgeId = nudgeId(eventId, dana);
        TestSmtp.SMTP.suspend();
        try {
            publishPlan(eventId, dana, "Team Lead");
            await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
                Nudge failing = mongo.findById(nudgeId, Nudge.class);
                assertThat(failing).isNotNull();
                assertThat(failing.getStatus()).isEqualTo(NudgeStatus.INTENDED);
                assertThat(failing.getAttempts()).isGreaterThanOrEqualTo(2);
                assertThat(failing.getLastError()).startsWith("mail not delivered");
            });
        } finally {
            TestSmtp.SMTP.resume();
        }

        exactlyOneMailTo(dana.email());
        awaitSentAndPublished(nudgeId);
        exactlyOneNudgeSent(dana.personId());
        mvc.perform(get("/api/nudges").param("personId", dana.personId()).with(bearer(ownToken(dana))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].id").value(nudgeId))
                .andExpect(jsonPath("$.items[0].status").value("SENT"))
                .andExpect(jsonPath("$.items[0].attempts").value(greaterThan(1)))
                .andExpect(jsonPath("$.items[0].lastError").value(startsWith("mail not delivered")))
                .andExpect(jsonPath("$.items[0].sentAt").isNotEmpty());
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheConsumerKeepsGoing() throws Exception {
        Person erin = newPerson("Erin Afterwards");
        publishPerson(erin);
        awaitRecipient(erin);
        String malformedKey = "poison-json-" + UUID.randomUUID();
        String headerlessKey = "poison-headers-" + UUID.randomUUID();
        String unknownTypeKey = "poison-type-" + UUID.randomUUID();
        String foreignOrgKey = "poison-org-" + UUID.randomUUID();
        String bootstrap = bootstrap();
        RawEvents.publish(bootstrap, PLANS, malformedKey, RawEvents.ceHeaders(UUID.randomUUID().toString(),
                "org.skillpath.plan.created", erin.orgId(), "plans/x"), "{\"planId\": oops");
        RawEvents.publish(bootstrap, PLANS, headerlessKey, Map.of(), planJson(erin, null));
        RawEvents.publish(bootstrap, PLANS, unknownTypeKey, RawEvents.ceHeaders(UUID.randomUUID().toString(),
                "org.skillpath.plan.exploded", erin.orgId(), "plans/x"), planJson(erin, null));
        RawEvents.publish(bootstrap, PLANS, foreignOrgKey, RawEvents.ceHeaders(UUID.randomUUID().toString(),
                "org.skillpath.plan.created", "org-someone-else", "plans/x"), planJson(erin, null));
        publishPlan(UUID.randomUUID().toString(), erin, "Team Lead");

        List<String> poisonKeys = List.of(malformedKey, headerlessKey, unknownTypeKey, foreignOrgKey);
        List<ConsumerRecord<String, byte[]>> dead = TopicReader.read(bootstrap, PLANS_DLT, Duration.ofSeconds(30),
                recs -> recs.stream().filter(r -> poisonKeys.contains(r.key())).count() >= poisonKeys.size());
        Map<String, String> reasons = dead.stream().filter(r -> poisonKeys.contains(r.key()))
                .collect(Collectors.toMap(ConsumerRecord::key, r -> String.valueOf(TopicReader.header(r, "x-exception-message"))));
        assertThat(reasons).containsOnlyKeys(poisonKeys);
        assertThat(reasons.get(malformedKey)).contains("does not fit");
        assertThat(reasons.get(headerlessKey)).contains("not a CloudEvents 1.0 record");
        assertThat(reasons.get(unknownTypeKey)).contains("org.skillpath.plan.exploded");
        assertThat(reasons.get(foreignOrgKey)).contains("orgId");

        assertThat(MailText.plainText(exactlyOneMailTo(erin.email()))).contains("Conflict resolution workshop");
    }

    @Test
    void theDeliveryLogIsPaginatedPerPersonAndTenant() throws Exception {
        Person fay = newPerson("Fay Busy");
        publishPerson(fay);
        awaitRecipient(fay);
        for (int i = 0; i < 3; i++) {
            publishPlan(UUID.randomUUID().toString(), fay, "Team Lead");
        }
        await().atMost(30, TimeUnit.SECONDS).until(() -> TestSmtp.mailsTo(fay.email()).size() == 3);

        mvc.perform(get("/api/nudges").param("personId", fay.personId()).param("size", "2")
                        .with(bearer(ownToken(fay))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(2))
                .andExpect(jsonPath("$.totalItems").value(3))
                .andExpect(jsonPath("$.totalPages").value(2))
                .andExpect(jsonPath("$.items[0].kind").value("PLAN_READY"))
                .andExpect(jsonPath("$.items[0].status").value("SENT"))
                .andExpect(jsonPath("$.items[0].attempts").value(1));
        mvc.perform(get("/api/nudges").param("personId", fay.personId()).param("page", "1").param("size", "2")
                        .with(bearer(ownToken(fay))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1));
        // Someone of another organisation under the same id has a log of their own: empty.
        mvc.perform(get("/api/nudges").param("personId", fay.personId())
                        .with(bearer(TestTokens.employee("org-other", fay.personId()))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(0));
        // A colleague of the same organisation does not see it at all.
        mvc.perform(get("/api/nudges").param("personId", fay.personId())
                        .with(bearer(TestTokens.employee(fay.orgId(), UUID.randomUUID().toString()))))
                .andExpect(status().isNotFound());
    }

    @Test
    void theDeliveryLogRefusesBadRequestsWithProblemDetails() throws Exception {
        // Without a token (the tenant header of old included) there is no caller and no tenant: 401.
        for (var request : List.of(get("/api/nudges").param("personId", "p-1"),
                get("/api/nudges").param("personId", "p-1").header("X-Org-Id", "org-1"))) {
            mvc.perform(request)
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().string("WWW-Authenticate", "Bearer"))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.status").value(401));
        }
        String p1 = TestTokens.employee("org-1", "p-1");
        mvc.perform(get("/api/nudges").with(bearer(p1)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[0].field").value("personId"));
        mvc.perform(get("/api/nudges").param("personId", "p-1").param("size", "101").with(bearer(p1)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(get("/api/nudges").param("personId", "p-1").param("page", "x").with(bearer(p1)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("page"));
    }

    @Test
    void exposesHealthAndTheApiDescription() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/nudges'].get").exists());
    }

    // --- helpers ---

    record Person(String personId, String orgId, String displayName, String email) {
    }

    private static Person newPerson(String displayName) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String first = displayName.split(" ")[0].toLowerCase();
        return new Person(UUID.randomUUID().toString(), "org-" + suffix, displayName,
                first + "." + suffix + "@example.org");
    }

    /** The token of the person themself: the delivery log is theirs alone. */
    private static String ownToken(Person p) {
        return TestTokens.employee(p.orgId(), p.personId());
    }

    String bootstrap() {
        return env.getRequiredProperty("spring.kafka.bootstrap-servers");
    }

    private void publishPerson(Person p) {
        String json = """
                {"personId":"%s","orgId":"%s","userName":"%s","displayName":"%s","email":"%s","managerId":null,
                 "locale":"en","timeZone":"Europe/Berlin","active":true,"mentorOptIn":false,
                 "changedAt":"2026-11-21T09:00:00Z"}""".formatted(p.personId(), p.orgId(), p.email(), p.displayName(),
                p.email());
        ContractSchemas.assertValid("org.skillpath.person.upserted", json);
        RawEvents.publish(bootstrap(), PEOPLE, p.personId(), RawEvents.ceHeaders(UUID.randomUUID().toString(),
                "org.skillpath.person.upserted", p.orgId(), "people/" + p.personId()), json);
    }

    private void publishPlan(String eventId, Person p, String roleName) {
        String json = planJson(p, roleName);
        ContractSchemas.assertValid("org.skillpath.plan.created", json);
        RawEvents.publish(bootstrap(), PLANS, p.personId(),
                RawEvents.ceHeaders(eventId, "org.skillpath.plan.created", p.orgId(), "plans/" + eventId), json);
    }

    private static String planJson(Person p, String roleName) {
        return """
                {"planId":"%s","personId":"%s","orgId":"%s","assessmentId":"%s","roleName":%s,
                 "createdAt":"2026-11-21T10:00:00Z","startsOn":"2026-11-23","endsOn":"2027-02-14",
                 "weeklyBudgetHours":3,"status":"ACTIVE","mix":{"experience":0.7,"social":0.2,"formal":0.1},
                 "mentorId":null,"notes":[],
                 "steps":[
                  {"stepId":"s1","activityId":"a-workshop","title":"Conflict resolution workshop","format":"WORKSHOP",
                   "bucket":"FORMAL","skillId":"conflict-resolution","effortHours":8,"startsOn":"2026-11-23",
                   "dueOn":"2026-12-11","reason":"Conflict resolution is 2 levels below the team-lead profile",
                   "xapiActivityId":null},
                  {"stepId":"s2","activityId":"a-budget","title":"Own a budget line for a quarter","format":"PRACTICE",
                   "bucket":"EXPERIENCE","skillId":"budgeting","effortHours":20,"startsOn":"2026-11-23",
                   "dueOn":"2027-02-12","reason":"Budgeting is the largest gap for the team-lead profile"}
                 ]}""".formatted(UUID.randomUUID(), p.personId(), p.orgId(), UUID.randomUUID(),
                roleName == null ? "null" : "\"" + roleName + "\"");
    }

    private static String nudgeId(String eventId, Person p) {
        return DeterministicIds.of(TEST_SOURCE + "#" + eventId, p.personId(), "PLAN_READY");
    }

    private void awaitRecipient(Person p) {
        await().atMost(30, TimeUnit.SECONDS).until(() -> mongo.findById(p.personId(), Recipient.class) != null);
    }

    /** Waits for the mail, then makes sure no second one follows. */
    private static MimeMessage exactlyOneMailTo(String address) {
        await().atMost(30, TimeUnit.SECONDS).until(() -> !TestSmtp.mailsTo(address).isEmpty());
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(10))
                .until(() -> TestSmtp.mailsTo(address).size() == 1);
        return TestSmtp.mailsTo(address).get(0);
    }

    /** The nudge is SENT and the relay has published its nudge.sent (the outbox is empty). */
    private Nudge awaitSentAndPublished(String nudgeId) {
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            Nudge n = mongo.findById(nudgeId, Nudge.class);
            assertThat(n).isNotNull();
            assertThat(n.getStatus()).isEqualTo(NudgeStatus.SENT);
            assertThat(n.getSentAt()).isNotNull();
            assertThat(n.pendingEvents()).isEmpty();
        });
        return mongo.findById(nudgeId, Nudge.class);
    }

    private ConsumerRecord<String, byte[]> exactlyOneNudgeSent(String personId) {
        TopicReader.read(bootstrap(), NOTIFICATIONS, Duration.ofSeconds(20),
                recs -> recs.stream().anyMatch(r -> personId.equals(r.key())));
        List<ConsumerRecord<String, byte[]>> mine = TopicReader.readAll(bootstrap(), NOTIFICATIONS, Duration.ofSeconds(1))
                .stream().filter(r -> personId.equals(r.key())).toList();
        assertThat(mine).hasSize(1);
        return mine.get(0);
    }

    /** Waits until the service's consumer group has committed every record currently on the topic. */
    private void awaitConsumed(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
            Map<TopicPartition, OffsetSpec> ends = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, Long> endOffsets = admin.listOffsets(ends).all().get(10, TimeUnit.SECONDS)
                    .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            await().atMost(30, TimeUnit.SECONDS).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                return endOffsets.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue());
            });
        }
    }
}
