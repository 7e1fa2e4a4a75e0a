package org.skillpath.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.skillpath.kit.test.TestTokens.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.skillpath.kit.test.AccessMatrix;
import org.skillpath.kit.test.ContractSchemas;
import org.skillpath.kit.test.RawEvents;
import org.skillpath.kit.test.TestTokens;
import org.skillpath.kit.test.TopicReader;
import org.skillpath.notification.nudges.Nudge;
import org.skillpath.notification.nudges.NudgeKind;
import org.skillpath.notification.policy.Category;
import org.skillpath.notification.preferences.UnsubscribeTokens;
import org.skillpath.notification.recipients.Recipient;
import org.skillpath.notification.team.TeamActivity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Who may do what, through the real filter chain with real signed tokens, and the tenancy of the consumers on
 * the real broker and store. Every endpoint is called by every kind of caller that matters; the statuses fill
 * one {@link AccessMatrix}, which fails on any broken rule and must equal docs/access/notification-service.md.
 * Written once; run on the embedded infrastructure and, where Docker exists, on Testcontainers.
 */
@SpringBootTest
@AutoConfigureMockMvc
// Closed after the class: another live context in the same consumer group would take this one's records.
@DirtiesContext
abstract class AccessRulesContract {

    static final AccessMatrix MATRIX = new AccessMatrix("notification-service", """
            notification-service keeps each person's mail preferences and delivery log. The caller and the
            organisation come from the bearer token, and every query is confined to the token's organisation, so
            another organisation's ids are never found. Preferences and the delivery log belong to the person
            alone: to anyone else (a colleague, their manager, an L&D admin) they do not exist (404). Managers hear
            of their team through the mailed weekly digest and escalations only. There is no organisation-wide
            delivery log: a rater's log shows the invitation to rate someone, and rater anonymity holds for admins
            too. Integration clients, the platform operator included, have no business with anyone's mail (403).
            The unsubscribe link needs no login: its HMAC-signed token is the authority, for one person and one
            category. Dead letters hold every organisation's records and are for the platform operator
            (`ops:admin`) alone. The service has no mass action, hence no rate-limited endpoint.
            """);

    static final String PEOPLE = "skillpath.people.v1";
    static final String PLANS = "skillpath.plan.v1";
    static final String ASSESSMENTS = "skillpath.assessment.v1";
    static final String PROGRESS = "skillpath.progress.v1";
    static final Duration PATIENCE = Duration.ofSeconds(30);

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
    UnsubscribeTokens unsubscribeTokens;

    @AfterAll
    static void document() throws Exception {
        MATRIX.verifyAndDocument();
    }

    // --- preferences ---

    @Test
    void preferencesAreReadOnlyByTheirOwner() throws Exception {
        Team t = team();
        String endpoint = "GET /api/preferences/{personId}";
        Supplier<MockHttpServletRequestBuilder> read = () -> get("/api/preferences/{id}", t.owner().id());
        check(endpoint, "no token", 401, read, null);
        check(endpoint, "a token signed by an unknown key", 401, read, TestTokens.foreignSigned(t.org(), t.owner().id()));
        check(endpoint, "an expired token of the person themself", 401, read, TestTokens.expired(t.org(), t.owner().id()));
        check(endpoint, "the person themself", 200, read, t.ownerToken());
        check(endpoint, "another employee", 404, read, t.colleagueToken());
        check(endpoint, "the person's manager", 404, read, t.managerToken());
        check(endpoint, "an L&D admin", 404, read, t.adminToken());
        check(endpoint, "a client with people:write people:read", 403, read, t.hrClientToken());
        check(endpoint, "the platform operator (ops:admin)", 403, read, operatorToken());
        check(endpoint, "another organisation's person with the same id", 404, read,
                TestTokens.employee(otherOrg(), t.owner().id()));
        check(endpoint, "another organisation's admin", 404, read, TestTokens.admin(otherOrg(), newId()));

        // The refusals say why, as problem details.
        mvc.perform(read.get().with(bearer(t.hrClientToken())))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("requires the token of the person whose preferences these are"));
        mvc.perform(read.get().with(bearer(t.adminToken())))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("person " + t.owner().id() + " does not exist"));
    }

    @Test
    void preferencesAreChangedOnlyByTheirOwner() throws Exception {
        Team t = team();
        String endpoint = "PUT /api/preferences/{personId}";
        Supplier<MockHttpServletRequestBuilder> daily = () -> put("/api/preferences/{id}", t.owner().id())
                .contentType(MediaType.APPLICATION_JSON).content("{\"digest\":\"DAILY\"}");
        Supplier<MockHttpServletRequestBuilder> weekly = () -> put("/api/preferences/{id}", t.owner().id())
                .contentType(MediaType.APPLICATION_JSON).content("{\"digest\":\"WEEKLY\",\"categories\":{\"REMINDERS\":false}}");
        check(endpoint, "the person themself", 200, daily, t.ownerToken());
        check(endpoint, "no token", 401, weekly, null);
        check(endpoint, "another employee", 404, weekly, t.colleagueToken());
        check(endpoint, "the person's manager", 404, weekly, t.managerToken());
        check(endpoint, "an L&D admin", 404, weekly, t.adminToken());
        check(endpoint, "a client with people:write people:read", 403, weekly, t.hrClientToken());
        check(endpoint, "the platform operator (ops:admin)", 403, weekly, operatorToken());
        check(endpoint, "another organisation's person with the same id", 404, weekly,
                TestTokens.employee(otherOrg(), t.owner().id()));
        check(endpoint, "another organisation's admin", 404, weekly, TestTokens.admin(otherOrg(), newId()));

        // Only the owner's change took effect.
        mvc.perform(get("/api/preferences/{id}", t.owner().id()).with(bearer(t.ownerToken())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.digest").value("DAILY"))
                .andExpect(jsonPath("$.categories.REMINDERS.subscribed").value(true));
    }

    // --- delivery log ---

    @Test
    void theDeliveryLogIsSeenOnlyByThePersonItWasSentTo() throws Exception {
        Team t = team();
        publishPlan(UUID.randomUUID().toString(), t.owner(), t.org());
        awaitNudges(t.owner(), 1);
        String endpoint = "GET /api/nudges?personId={personId}";
        Supplier<MockHttpServletRequestBuilder> read = () -> get("/api/nudges").param("personId", t.owner().id());
        check(endpoint, "no token", 401, read, null);
        check(endpoint, "the person themself", 200, read, t.ownerToken());
        check(endpoint, "another employee", 404, read, t.colleagueToken());
        check(endpoint, "the person's manager", 404, read, t.managerToken());
        check(endpoint, "an L&D admin", 404, read, t.adminToken());
        check(endpoint, "a client with people:write people:read", 403, read, t.hrClientToken());
        check(endpoint, "the platform operator (ops:admin)", 403, read, operatorToken());
        check(endpoint, "another organisation's admin", 404, read, TestTokens.admin(otherOrg(), newId()));
        // Whoever holds the same id in another organisation is someone else, with a log of their own: empty.
        check(endpoint, "another organisation's person with the same id (their own, empty log)", 200, () -> {
            int status = statusOf(read, TestTokens.employee(otherOrg(), t.owner().id()));
            mvc.perform(read.get().with(bearer(TestTokens.employee(otherOrg(), t.owner().id()))))
                    .andExpect(jsonPath("$.totalItems").value(0));
            return status;
        });

        mvc.perform(read.get().with(bearer(t.ownerToken())))
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.items[0].kind").value("PLAN_READY"));
        mvc.perform(read.get().with(bearer(t.hrClientToken())))
                .andExpect(jsonPath("$.detail").value("requires the token of the person whose delivery log this is"));
    }

    @Test
    void whoWasInvitedToRateStaysHiddenFromEveryoneButTheRaterAdminsIncluded() throws Exception {
        Team t = team();
        Person rater = t.colleague();
        String invitationId = "inv-" + UUID.randomUUID();
        String json = """
                {"assessmentId":"as-%s","personId":"%s","orgId":"%s","roleProfileId":"team-lead","invitationId":"%s",
                 "raterId":"%s","raterGroup":"PEER","dueOn":"%s","requestedAt":"%s"}"""
                .formatted(UUID.randomUUID(), t.owner().id(), t.org(), invitationId, rater.id(),
                LocalDate.now().plusDays(7), Instant.now());
        publish(ASSESSMENTS, t.owner(), t.org(), UUID.randomUUID().toString(), "org.skillpath.assessment.requested", json);
        awaitNudges(rater, 1);

        String endpoint = "GET /api/nudges?personId={personId}";
        Supplier<MockHttpServletRequestBuilder> ratersLog = () -> get("/api/nudges").param("personId", rater.id());
        check(endpoint, "a rater, for their own log with the invitation", 200, ratersLog, t.colleagueToken());
        check(endpoint, "an L&D admin, for a rater's log", 404, ratersLog, t.adminToken());
        check(endpoint, "the assessed person, for their rater's log", 404, ratersLog, t.ownerToken());
        check(endpoint, "the assessed person's manager, for their rater's log", 404, ratersLog, t.managerToken());

        // The rater's own view names nobody else; the assessed person's log shows no invitation of a rater.
        String ratersView = mvc.perform(ratersLog.get().with(bearer(t.colleagueToken())))
                .andExpect(jsonPath("$.items[0].kind").value("RATER_INVITATION"))
                .andReturn().getResponse().getContentAsString();
        assertThat(ratersView).doesNotContain(t.owner().id(), invitationId);
        mvc.perform(get("/api/nudges").param("personId", t.owner().id()).with(bearer(t.ownerToken())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(0));
    }

    // --- one-click unsubscribe ---

    @Test
    void theUnsubscribeLinkWorksWithoutLoginAndOnlyWithItsGenuineSignature() throws Exception {
        Team t = team();
        String genuine = unsubscribeTokens.issue(t.org(), t.owner().id(), Category.ENCOURAGEMENT);
        String signature = genuine.substring(genuine.indexOf('.') + 1);
        String otherCategory = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("v1\n" + t.org() + "\n" + t.owner().id() + "\nINVITATIONS").getBytes(StandardCharsets.UTF_8))
                + "." + signature;
        String otherPerson = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("v1\n" + t.org() + "\n" + t.colleague().id() + "\nENCOURAGEMENT").getBytes(StandardCharsets.UTF_8))
                + "." + signature;
        String otherSecret = new UnsubscribeTokens("a-secret-skillpath-never-used")
                .issue(t.org(), t.owner().id(), Category.REMINDERS);

        check("GET /unsubscribe?token={token}", "no bearer token, the mail's signed link", 200,
                () -> get("/unsubscribe").param("token", genuine), null);
        check("GET /unsubscribe?token={token}", "no bearer token, a forged link (another category, same signature)",
                400, () -> get("/unsubscribe").param("token", otherCategory), null);
        check("POST /unsubscribe?token={token}", "no bearer token, the mail's signed link (RFC 8058 one-click)", 200,
                () -> oneClick(genuine), null);
        check("POST /unsubscribe?token={token}", "no bearer token, a forged link (another category, same signature)",
                400, () -> oneClick(otherCategory), null);
        check("POST /unsubscribe?token={token}", "no bearer token, a forged link (another person, same signature)",
                400, () -> oneClick(otherPerson), null);
        check("POST /unsubscribe?token={token}", "no bearer token, a link signed with another secret", 400,
                () -> oneClick(otherSecret), null);
        check("POST /unsubscribe?token={token}", "no bearer token, no link token", 400, () -> oneClick(null), null);

        // Exactly the genuine link's opt-out happened; the forged ones changed nothing.
        mvc.perform(get("/api/preferences/{id}", t.owner().id()).with(bearer(t.ownerToken())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.categories.ENCOURAGEMENT.subscribed").value(false))
                .andExpect(jsonPath("$.categories.INVITATIONS.subscribed").value(true))
                .andExpect(jsonPath("$.categories.REMINDERS.subscribed").value(true));
        mvc.perform(get("/api/preferences/{id}", t.colleague().id()).with(bearer(t.colleagueToken())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.categories.ENCOURAGEMENT.subscribed").value(true));
    }

    // --- operator, actuator, documents ---

    @Test
    void deadLettersAreForThePlatformOperatorOnly() throws Exception {
        Team t = team();
        // A record from another organisation naming this one's person: dead-lettered, then replayed by the operator.
        String eventId = UUID.randomUUID().toString();
        String elsewhere = otherOrg();
        publish(PEOPLE, t.owner(), elsewhere, eventId, "org.skillpath.person.upserted",
                personJson(t.owner(), elsewhere, "Someone Else", "someone@example.org"));
        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(PEOPLE, eventId);
        String dlt = PEOPLE + ".notification-service.dlt";

        Supplier<MockHttpServletRequestBuilder> topics = () -> get("/api/admin/dead-letters");
        Supplier<MockHttpServletRequestBuilder> list = () -> get("/api/admin/dead-letters/{topic}", dlt);
        Supplier<MockHttpServletRequestBuilder> replay = () -> post("/api/admin/dead-letters/{topic}/{p}/{o}/replay",
                dlt, dead.partition(), dead.offset());
        for (var e : Map.of("GET /api/admin/dead-letters", topics,
                "GET /api/admin/dead-letters/{topic}", list,
                "POST /api/admin/dead-letters/{topic}/{partition}/{offset}/replay", replay).entrySet()) {
            check(e.getKey(), "no token", 401, e.getValue(), null);
            check(e.getKey(), "an L&D admin", 403, e.getValue(), t.adminToken());
            check(e.getKey(), "a client with people:write people:read", 403, e.getValue(), t.hrClientToken());
        }
        check("GET /api/admin/dead-letters", "the platform operator (ops:admin)", 200, topics, operatorToken());
        check("GET /api/admin/dead-letters/{topic}", "the platform operator (ops:admin)", 200, list, operatorToken());
        check("POST /api/admin/dead-letters/{topic}/{partition}/{offset}/replay", "the platform operator (ops:admin)",
                202, replay, operatorToken());

        // The replayed record is refused again, for the same reason: tenancy does not depend on who replays.
        assertThat(TopicReader.read(bootstrap(), dlt, PATIENCE, recs -> deadLetters(recs, eventId) >= 2).stream()
                .filter(r -> eventId.equals(TopicReader.header(r, "ce_id")))
                .map(r -> TopicReader.header(r, "x-exception-message")))
                .hasSize(2).allSatisfy(reason -> assertThat(reason).contains("organisation mismatch"));
        assertThat(mongo.findById(t.owner().id(), Recipient.class).getOrgId()).isEqualTo(t.org());
    }

    @Test
    void onlyHealthPrometheusAndTheDocumentsAreOpen() throws Exception {
        check("GET /actuator/health", "no token", 200, () -> get("/actuator/health"), null);
        check("GET /actuator/prometheus", "no token", 200, () -> get("/actuator/prometheus"), null);
        check("GET /actuator/env", "no token", 401, () -> get("/actuator/env"), null);
        check("GET /actuator/env", "an L&D admin", 404, () -> get("/actuator/env"),
                TestTokens.admin(otherOrg(), newId()));
        check("GET /v3/api-docs", "no token", 200, () -> get("/v3/api-docs"), null);
        check("GET /asyncapi", "no token", 200, () -> get("/asyncapi"), null);
        check("GET /api/anything-else", "no token", 401, () -> get("/api/anything-else"), null);
    }

    @Test
    void theApiDocumentAsksForABearerTokenExceptOnThePublicPathsAndHidesTheCaller() throws Exception {
        String document = mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.securitySchemes['bearer-jwt'].type").value("http"))
                .andExpect(jsonPath("$.components.securitySchemes['bearer-jwt'].scheme").value("bearer"))
                .andExpect(jsonPath("$.components.securitySchemes['bearer-jwt'].bearerFormat").value("JWT"))
                .andExpect(jsonPath("$.security[0]['bearer-jwt']").isArray())
                // An explicit empty requirement: these operations need no token.
                .andExpect(jsonPath("$.paths['/unsubscribe'].post.security").isArray())
                .andExpect(jsonPath("$.paths['/unsubscribe'].post.security").isEmpty())
                .andExpect(jsonPath("$.paths['/unsubscribe'].get.security").isArray())
                .andExpect(jsonPath("$.paths['/unsubscribe'].get.security").isEmpty())
                .andExpect(jsonPath("$.paths['/api/preferences/{personId}'].get.security").doesNotExist())
                .andExpect(jsonPath("$.paths['/api/nudges'].get.parameters[*].name")
                        .value(org.hamcrest.Matchers.containsInAnyOrder("personId", "page", "size")))
                .andExpect(jsonPath("$.paths['/api/preferences/{personId}'].put.parameters[*].name")
                        .value(org.hamcrest.Matchers.contains("personId")))
                .andReturn().getResponse().getContentAsString();
        assertThat(document).doesNotContain("X-Org-Id", "\"orgId\"", "\"caller\"");
    }

    // --- consumers: tenancy ---

    @Test
    void eventsNamingAnotherOrganisationsPersonAreDeadLetteredAndChangeNothing() throws Exception {
        Team t = team();
        String b = otherOrg();
        Person intruder = new Person(newId(), "Ivan Intruder", "ivan." + UUID.randomUUID() + "@example.org", null);
        publishPeople(b, intruder);
        String planId = UUID.randomUUID().toString();
        LocalDate today = LocalDate.now();

        // Each names a person of t.org() in an event of organisation b, consistent in itself.
        Map<String, String> deadOn = new java.util.LinkedHashMap<>();
        String plan = UUID.randomUUID().toString();
        publish(PLANS, t.owner(), b, plan, "org.skillpath.plan.created", planJson(t.owner(), b));
        deadOn.put(plan, PLANS);
        String mentor = UUID.randomUUID().toString();
        publish(PLANS, intruder, b, mentor, "org.skillpath.mentor.assigned", """
                {"planId":"%s","personId":"%s","orgId":"%s","mentorId":"%s","skillIds":["conflict-resolution"],
                 "assignedAt":"%s","reason":"strong in conflict resolution"}"""
                .formatted(planId, intruder.id(), b, t.owner().id(), Instant.now()));
        deadOn.put(mentor, PLANS);
        String invitation = UUID.randomUUID().toString();
        publish(ASSESSMENTS, intruder, b, invitation, "org.skillpath.assessment.requested", """
                {"assessmentId":"as-x","personId":"%s","orgId":"%s","roleProfileId":"team-lead","invitationId":"inv-x",
                 "raterId":"%s","raterGroup":"PEER","dueOn":"%s","requestedAt":"%s"}"""
                .formatted(intruder.id(), b, t.owner().id(), today.plusDays(7), Instant.now()));
        deadOn.put(invitation, ASSESSMENTS);
        String escalation = UUID.randomUUID().toString();
        publish(PROGRESS, intruder, b, escalation, "org.skillpath.step.overdue", """
                {"planId":"%s","stepId":"s1","personId":"%s","orgId":"%s","title":"Give a talk","dueOn":"%s",
                 "detectedAt":"%s","daysOverdue":9,"managerId":"%s"}"""
                .formatted(planId, intruder.id(), b, today.minusDays(9), Instant.now(), t.manager().id()));
        deadOn.put(escalation, PROGRESS);
        String completed = UUID.randomUUID().toString();
        publish(PROGRESS, t.owner(), b, completed, "org.skillpath.step.completed", completedJson(t.owner(), b, planId));
        deadOn.put(completed, PROGRESS);
        String upsert = UUID.randomUUID().toString();
        publish(PEOPLE, t.owner(), b, upsert, "org.skillpath.person.upserted",
                personJson(t.owner(), b, "Taken Over", "taken.over@example.org"));
        deadOn.put(upsert, PEOPLE);
        String erasure = UUID.randomUUID().toString();
        RawEvents.publish(bootstrap(), PEOPLE, t.owner().id(), RawEvents.ceHeaders(erasure,
                "org.skillpath.person.erased", b, "people/" + t.owner().id()), null);
        deadOn.put(erasure, PEOPLE);

        for (Map.Entry<String, String> e : deadOn.entrySet()) {
            assertThat(TopicReader.header(awaitDeadLetter(e.getValue(), e.getKey()), "x-exception-message"))
                    .as("reason of %s on %s", e.getKey(), e.getValue()).contains("organisation mismatch");
        }

        // Nothing changed: the person is still theirs, unerased, unrenamed; no nudge, no team news, no escalation.
        Recipient owner = mongo.findById(t.owner().id(), Recipient.class);
        assertThat(owner.getOrgId()).isEqualTo(t.org());
        assertThat(owner.isErased()).isFalse();
        assertThat(owner.getDisplayName()).isEqualTo(t.owner().name());
        assertThat(owner.getEmail()).isEqualTo(t.owner().email());
        assertThat(mongo.find(Query.query(Criteria.where("causeEventId").in(deadOn.keySet())), Nudge.class)).isEmpty();
        assertThat(mongo.count(Query.query(Criteria.where("personId").in(t.owner().id(), intruder.id())),
                TeamActivity.class)).isZero();
        assertThat(mongo.count(Query.query(Criteria.where("personId").is(intruder.id())), "overdue_steps")).isZero();
        assertThat(TestSmtp.mailsTo(t.owner().email())).isEmpty();

        // Good records after them are processed on every topic.
        publish(PEOPLE, t.owner(), t.org(), UUID.randomUUID().toString(), "org.skillpath.person.upserted",
                personJson(t.owner(), t.org(), "Owen Renamed", t.owner().email()));
        String goodPlan = UUID.randomUUID().toString();
        publish(PLANS, t.owner(), t.org(), goodPlan, "org.skillpath.plan.created", planJson(t.owner(), t.org()));
        String goodStep = UUID.randomUUID().toString();
        publish(PROGRESS, t.owner(), t.org(), goodStep, "org.skillpath.step.completed",
                completedJson(t.owner(), t.org(), planId));
        String goodInvitation = UUID.randomUUID().toString();
        publish(ASSESSMENTS, t.colleague(), t.org(), goodInvitation, "org.skillpath.assessment.requested", """
                {"assessmentId":"as-y","personId":"%s","orgId":"%s","roleProfileId":"team-lead","invitationId":"inv-y",
                 "raterId":"%s","raterGroup":"PEER","dueOn":"%s","requestedAt":"%s"}"""
                .formatted(t.colleague().id(), t.org(), t.owner().id(), today.plusDays(7), Instant.now()));
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(mongo.findById(t.owner().id(), Recipient.class).getDisplayName()).isEqualTo("Owen Renamed");
            assertThat(mongo.find(Query.query(Criteria.where("causeEventId").in(goodPlan, goodStep, goodInvitation)
                    .and("orgId").is(t.org()).and("recipientId").is(t.owner().id())), Nudge.class))
                    .extracting(Nudge::getKind).containsExactlyInAnyOrder(NudgeKind.PLAN_READY,
                            NudgeKind.ENCOURAGEMENT, NudgeKind.RATER_INVITATION);
        });
    }

    @Test
    void anEventOfAnotherOrganisationThatCollidesWithAStoredNudgeIsDeadLettered() throws Exception {
        // The recipient is not known yet, so only the stored nudge can tell whose it is.
        Person unknown = new Person(newId(), "Uma Unknown", "uma." + UUID.randomUUID() + "@example.org", null);
        String a = otherOrg();
        String b = otherOrg();
        String eventId = UUID.randomUUID().toString();
        publish(PLANS, unknown, a, eventId, "org.skillpath.plan.created", planJson(unknown, a));
        String nudgeId = org.skillpath.kit.events.DeterministicIds.of("/skillpath/test#" + eventId, unknown.id(),
                NudgeKind.PLAN_READY.name());
        await().atMost(PATIENCE).until(() -> mongo.findById(nudgeId, Nudge.class) != null);

        publish(PLANS, unknown, b, eventId, "org.skillpath.plan.created", planJson(unknown, b));
        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(PLANS, eventId);
        assertThat(TopicReader.header(dead, "ce_orgid")).isEqualTo(b);
        assertThat(TopicReader.header(dead, "x-exception-message")).contains("organisation mismatch", nudgeId);
        assertThat(mongo.findById(nudgeId, Nudge.class).getOrgId()).isEqualTo(a);

        Person fresh = new Person(newId(), "Fred Fresh", "fred." + UUID.randomUUID() + "@example.org", null);
        String good = UUID.randomUUID().toString();
        publish(PLANS, fresh, b, good, "org.skillpath.plan.created", planJson(fresh, b));
        await().atMost(PATIENCE).until(() -> mongo.exists(Query.query(Criteria.where("causeEventId").is(good)
                .and("orgId").is(b)), Nudge.class));
    }

    // --- helpers ---

    /** A person of a team; the organisation is the team's. */
    record Person(String id, String name, String email, String managerId) {
    }

    /** An organisation of four: the owner (reporting to the manager), a colleague and an L&D admin. */
    record Team(String org, Person owner, Person manager, Person colleague, Person admin) {

        String ownerToken() {
            return TestTokens.employee(org, owner.id());
        }

        String managerToken() {
            return TestTokens.manager(org, manager.id());
        }

        String colleagueToken() {
            return TestTokens.employee(org, colleague.id());
        }

        String adminToken() {
            return TestTokens.admin(org, admin.id());
        }

        String hrClientToken() {
            return TestTokens.client(org, "hr-sync", "people:write", "people:read");
        }
    }

    Team team() {
        String org = otherOrg();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Person manager = new Person(newId(), "Mona Manager", "mona." + tag + "@example.org", null);
        Person owner = new Person(newId(), "Owen Owner", "owen." + tag + "@example.org", manager.id());
        Person colleague = new Person(newId(), "Cleo Colleague", "cleo." + tag + "@example.org", null);
        Person admin = new Person(newId(), "Ada Admin", "ada." + tag + "@example.org", null);
        publishPeople(org, manager, owner, colleague, admin);
        return new Team(org, owner, manager, colleague, admin);
    }

    static String operatorToken() {
        return TestTokens.client("platform", "demo-ops", "ops:admin");
    }

    /** A fresh organisation id (lowercase, as the token contract requires). */
    static String otherOrg() {
        return "org-" + UUID.randomUUID().toString().substring(0, 12);
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    void check(String endpoint, String caller, int expected, Supplier<MockHttpServletRequestBuilder> request,
               String token) {
        MATRIX.check(endpoint, caller, expected, () -> statusOf(request, token));
    }

    void check(String endpoint, String caller, int expected, java.util.concurrent.Callable<Integer> call) {
        MATRIX.check(endpoint, caller, expected, call);
    }

    int statusOf(Supplier<MockHttpServletRequestBuilder> request, String token) throws Exception {
        MockHttpServletRequestBuilder builder = request.get();
        if (token != null) {
            builder.with(bearer(token));
        }
        return mvc.perform(builder).andReturn().getResponse().getStatus();
    }

    MockHttpServletRequestBuilder oneClick(String token) {
        MockHttpServletRequestBuilder post = post("/unsubscribe")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).content("List-Unsubscribe=One-Click");
        return token == null ? post : post.param("token", token);
    }

    String bootstrap() {
        return env.getRequiredProperty("spring.kafka.bootstrap-servers");
    }

    void publishPeople(String org, Person... people) {
        for (Person p : people) {
            publish(PEOPLE, p, org, UUID.randomUUID().toString(), "org.skillpath.person.upserted",
                    personJson(p, org, p.name(), p.email()));
        }
        for (Person p : people) {
            await().atMost(PATIENCE).until(() -> mongo.findById(p.id(), Recipient.class) != null);
        }
    }

    /** A contract-valid event keyed by the person. */
    void publish(String topic, Person key, String org, String eventId, String type, String json) {
        ContractSchemas.assertValid(type, json);
        RawEvents.publish(bootstrap(), topic, key.id(), RawEvents.ceHeaders(eventId, type, org, "people/" + key.id()),
                json);
    }

    /** The record with this event id on the topic's dead-letter topic. */
    ConsumerRecord<String, byte[]> awaitDeadLetter(String topic, String eventId) {
        String dlt = topic + ".notification-service.dlt";
        Optional<ConsumerRecord<String, byte[]>> found = TopicReader.read(bootstrap(), dlt, PATIENCE,
                        recs -> deadLetters(recs, eventId) > 0)
                .stream().filter(r -> eventId.equals(TopicReader.header(r, "ce_id"))).findFirst();
        assertThat(found).as("event %s dead-lettered on %s", eventId, dlt).isPresent();
        return found.get();
    }

    static long deadLetters(List<ConsumerRecord<String, byte[]>> records, String eventId) {
        return records.stream().filter(r -> eventId.equals(TopicReader.header(r, "ce_id"))).count();
    }

    void awaitNudges(Person recipient, int count) {
        await().atMost(PATIENCE).until(() -> mongo.count(Query.query(Criteria.where("recipientId").is(recipient.id())),
                Nudge.class) >= count);
    }

    void publishPlan(String eventId, Person p, String org) {
        publish(PLANS, p, org, eventId, "org.skillpath.plan.created", planJson(p, org));
    }

    static String personJson(Person p, String org, String name, String email) {
        return """
                {"personId":"%s","orgId":"%s","userName":"%s","displayName":"%s","email":"%s","managerId":%s,
                 "locale":"en","timeZone":"Europe/Berlin","active":true,"mentorOptIn":false,
                 "changedAt":"2026-11-21T09:00:00Z"}""".formatted(p.id(), org, email, name, email,
                p.managerId() == null ? "null" : "\"" + p.managerId() + "\"");
    }

    static String planJson(Person p, String org) {
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
                 ]}""".formatted(UUID.randomUUID(), p.id(), org, UUID.randomUUID());
    }

    static String completedJson(Person p, String org, String planId) {
        return """
                {"planId":"%s","stepId":"s1","personId":"%s","orgId":"%s","activityId":null,"skillId":null,
                 "title":"Conflict resolution workshop","completedAt":"%s","source":"PERSON","reflection":null,
                 "planProgressPercent":25,"completedSteps":1,"totalSteps":4}"""
                .formatted(planId, p.id(), org, Instant.now());
    }
}
