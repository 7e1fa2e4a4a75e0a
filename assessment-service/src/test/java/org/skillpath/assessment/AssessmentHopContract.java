package org.skillpath.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skillpath.kit.test.TestTokens.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.hamcrest.Matchers;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.junit.jupiter.api.Test;
import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.kit.test.RawEvents;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.node.ObjectNode;
import org.skillpath.kit.test.CloudEventsConformance;
import org.skillpath.kit.test.ContractSchemas;
import org.skillpath.kit.test.MongoCommands;
import org.skillpath.kit.test.MutableClock;
import org.skillpath.kit.test.TestTokens;
import org.skillpath.kit.test.TopicReader;
import org.springframework.context.annotation.Import;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * assessment-service's hop, on real infrastructure: people and an assessment in over HTTP, contract-valid
 * CloudEvents out on the people and assessment topics, keyed by person. Written once, run on the embedded
 * broker and store and on Testcontainers' images.
 */
@SpringBootTest(properties = {"skillpath.assessment.close-interval=PT0.3S", "skillpath.people.erasure-interval=PT0.3S"})
@AutoConfigureMockMvc
@Import({TestClock.class, MongoCommands.class})
abstract class AssessmentHopContract {

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    MutableClock clock;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MongoCommands commands;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    final String org = "org-" + UUID.randomUUID().toString().substring(0, 8);
    /** An L&D admin of the organisation (admins need not be in the directory: the token says who they are). */
    final String admin = TestTokens.admin(org, "admin-" + UUID.randomUUID());
    /** The HR system's SCIM / bulk-import client. */
    final String hr = TestTokens.client(org, "hr-sync", "people:write");

    /** A person of the organisation: an employee, or a manager where they have reports. */
    String as(String personId) {
        return TestTokens.manager(org, personId);
    }

    @Test
    void scimRefusesAnUnsupportedMediaTypeWithAScimErrorNotAServerError() throws Exception {
        mvc.perform(post("/scim/v2/Users").with(bearer(hr)).contentType(MediaType.TEXT_PLAIN).content("userName=x"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.parseMediaType("application/scim+json")))
                .andExpect(jsonPath("$.status").value("415"));
    }

    @Test
    void anAssessmentWithSelfAndManagerRatingsEmitsRankedExplainedGaps() throws Exception {
        String bob = createPerson("bob", null);
        String alice = createPerson("alice", bob);

        String body = """
                {"personId":"%s","roleProfileId":"team-lead","ratings":[
                  {"raterId":"%s","group":"SELF","scores":{"conflict-resolution":3,"budgeting":2,"active-listening":5}},
                  {"raterId":"%s","group":"MANAGER","scores":{"conflict-resolution":2,"budgeting":2,"active-listening":3}}]}
                """.formatted(alice, alice, bob);
        String response = mvc.perform(post("/api/assessments").with(bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("RESULTS_PUBLISHED"))
                .andExpect(jsonPath("$.result.gaps[0].skillId").value("conflict-resolution"))
                .andReturn().getResponse().getContentAsString();
        String assessmentId = json.readTree(response).get("id").asString();

        List<ConsumerRecord<String, byte[]>> records = recordsFor("skillpath.assessment.v1", alice, 2);
        assertThat(records).hasSize(2);
        assertThat(records).extracting(r -> TopicReader.header(r, "ce_type"))
                .containsExactly("org.skillpath.assessment.completed", "org.skillpath.skillgaps.identified");
        for (ConsumerRecord<String, byte[]> r : records) {
            CloudEvent event = CloudEventsConformance.read(r);
            assertThat(event.getExtension("orgid")).isEqualTo(org);
            assertThat(event.getSubject()).isEqualTo("assessments/" + assessmentId);
            ContractSchemas.assertValid(event.getType(), TopicReader.value(r));
        }
        JsonNode gaps = json.readTree(records.get(1).value());
        assertThat(gaps.get("roleName").asString()).isEqualTo("Team lead");
        assertThat(gaps.get("gaps").get(0).get("explanation").asString())
                .startsWith("Conflict resolution is 2 levels below the Team lead target of 4");

        List<ConsumerRecord<String, byte[]>> people = recordsFor("skillpath.people.v1", alice, 1);
        assertThat(people).hasSize(1);
        CloudEvent person = CloudEventsConformance.read(people.get(0));
        assertThat(person.getType()).isEqualTo("org.skillpath.person.upserted");
        ContractSchemas.assertValid(person.getType(), TopicReader.value(people.get(0)));
        assertThat(json.readTree(people.get(0).value()).get("managerId").asString()).isEqualTo(bob);
    }

    /**
     * The store round trips of the quick path (the pipeline benchmark's request), counted from the driver's
     * command events: the subject and the manager rater in one read, the framework and role profile from the
     * in-process snapshot, the insert. Before: 5 (the two people, the role profile and the framework read one by
     * one, then the insert).
     */
    @Test
    void aCompletedAssessmentTakesTwoStoreCommandsOnTheRequestThread() throws Exception {
        String bob = createPerson("bob", null);
        String alice = createPerson("alice", bob);
        String carol = createPerson("carol", bob);
        // The organisation's first assessment seeds its framework and role profiles: not the steady state.
        quickAssessment(alice, bob);

        commands.start();
        String id;
        List<MongoCommands.Command> request;
        try {
            id = quickAssessment(carol, bob);
            request = commands.sentBy(Thread.currentThread().getName());
            await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.FALSE.equals(
                    mongo.getCollection("assessments").find(new Document("_id", id)).first().get("outboxPending")));
        } finally {
            commands.stop();
        }
        // The kit's relay: claim, remove the published events, clear the pending flag (not this service's code).
        List<MongoCommands.Command> relay = commands.mentioning(id).stream()
                .filter(c -> c.thread().equals("outbox-relay")).toList();
        assertThat(request).as("request thread: %s; relay: %s", request, relay)
                .extracting(MongoCommands.Command::name).containsExactly("find", "insert");
        assertThat(request.get(0).collection()).isEqualTo("people");
        assertThat(relay).as("relay: %s", relay).hasSizeLessThanOrEqualTo(3);
        assertThat(recordsFor("skillpath.assessment.v1", carol, 2)).hasSize(2);
    }

    /** The current role profile is kept in memory, but a change made here is what the very next assessment uses. */
    @Test
    void aNewRoleProfileVersionAndItsRetirementApplyToTheNextAssessmentAtOnce() throws Exception {
        String bob = createPerson("bob", null);
        String alice = createPerson("alice", bob);
        assertThat(roleProfileVersionOf(quickAssessment(alice, bob))).isEqualTo(1);

        mvc.perform(post("/api/role-profiles/team-lead/versions").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"Team lead","frameworkId":"soft-skills-default","targets":[
                                  {"skillId":"conflict-resolution","targetLevel":5,"weight":1.5},
                                  {"skillId":"budgeting","targetLevel":3,"weight":1.2},
                                  {"skillId":"active-listening","targetLevel":4,"weight":1.0}]}
                                """))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.version").value(2));
        assertThat(roleProfileVersionOf(quickAssessment(alice, bob))).isEqualTo(2);

        mvc.perform(post("/api/role-profiles/team-lead/versions/2/retire").with(bearer(admin)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("RETIRED"));
        assertThat(roleProfileVersionOf(quickAssessment(alice, bob))).isEqualTo(1);
    }

    private int roleProfileVersionOf(String assessmentId) throws Exception {
        String view = mvc.perform(get("/api/assessments/" + assessmentId).with(bearer(admin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return json.readTree(view).get("roleProfileVersion").asInt();
    }

    private String quickAssessment(String personId, String managerId) throws Exception {
        String body = """
                {"personId":"%s","roleProfileId":"team-lead","ratings":[
                  {"raterId":"%s","group":"SELF","scores":{"conflict-resolution":3,"budgeting":2,"active-listening":4}},
                  {"raterId":"%s","group":"MANAGER","scores":{"conflict-resolution":2,"budgeting":2,"active-listening":3}}]}
                """.formatted(personId, personId, managerId);
        String response = mvc.perform(post("/api/assessments").with(bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(response).get("id").asString();
    }

    @Test
    void refusalsAreProblemDetailsNamingTheField() throws Exception {
        String bob = createPerson("bob", null);
        String alice = createPerson("alice", bob);
        // Without a token there is no tenant and no caller: refused before anything is read.
        mvc.perform(post("/api/assessments").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("a bearer token is required"));
        mvc.perform(post("/api/assessments").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", Matchers.hasItems("personId", "roleProfileId", "ratings")));
        mvc.perform(post("/api/assessments").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"personId\":\"%s\",\"roleProfileId\":\"team-lead\",\"ratings\":[{\"raterId\":\"%s\",\"group\":\"MANAGER\",\"scores\":{\"budgeting\":7}}]}".formatted(alice, bob)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("ratings[0].scores.budgeting"));
        mvc.perform(post("/api/assessments").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"personId\":\"%s\",\"roleProfileId\":\"team-lead\",\"ratings\":[],\"extra\":1}".formatted(alice)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("extra"))
                .andExpect(jsonPath("$.errors[0].reason").value("unknown field"));
        mvc.perform(post("/api/assessments").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"personId\":\"nobody\",\"roleProfileId\":\"team-lead\",\"ratings\":[{\"raterId\":\"%s\",\"group\":\"MANAGER\",\"scores\":{\"budgeting\":3}}]}".formatted(bob)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("personId"));
        mvc.perform(post("/api/assessments").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"personId\":\"%s\",\"roleProfileId\":\"team-lead\",\"ratings\":[{\"raterId\":\"%s\",\"group\":\"SELF\",\"scores\":{\"budgeting\":3}}]}".formatted(alice, alice)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("ratings"));
        mvc.perform(post("/api/assessments").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"personId\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"));
        mvc.perform(get("/api/assessments/does-not-exist").with(bearer(admin)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/people/" + alice).with(bearer(TestTokens.admin("another-org", "admin-elsewhere"))))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/people").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userName\":\"x\",\"displayName\":\"X\",\"email\":\"not-an-email\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("email"));
        mvc.perform(get("/api/people").with(bearer(admin)).param("size", "1000"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void anIdempotencyKeyMakesARetriedPostHarmless() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"userName\":\"k-%s\",\"displayName\":\"K\",\"email\":\"k-%s@example.com\"}".formatted(key, key);
        String first = mvc.perform(post("/api/people").with(bearer(admin)).header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String again = mvc.perform(post("/api/people").with(bearer(admin)).header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(again).get("personId")).isEqualTo(json.readTree(first).get("personId"));
        mvc.perform(post("/api/people").with(bearer(admin)).header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(body.replace("\"K\"", "\"Other\"")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
        String personId = json.readTree(first).get("personId").asString();
        assertThat(recordsFor("skillpath.people.v1", personId, 1)).hasSize(1);
    }

    @Test
    void confusableNamesAreNormalisedOrRefused() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 6);
        mvc.perform(post("/api/people").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userName\":\"o-%s\",\"displayName\":\"B\u03BFb T\u03BFmlinson\",\"email\":\"o-%s@example.com\"}".formatted(u, u)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.displayName").value("Bob Tomlinson"));
        mvc.perform(post("/api/people").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userName\":\"c-%s\",\"displayName\":\"\u0430\u0432\u0435p\",\"email\":\"c-%s@example.com\"}".formatted(u, u)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("displayName"));
    }

    @Test
    void actuatorExposesHealthAndPrometheusOnly() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk());
        // Nothing else is reachable without a token, and with one the rest of actuator does not exist.
        mvc.perform(get("/actuator/env")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/env").with(bearer(admin))).andExpect(status().isNotFound());
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.components.securitySchemes['bearer-jwt'].scheme").value("bearer"))
                .andExpect(jsonPath("$.components.securitySchemes['bearer-jwt'].bearerFormat").value("JWT"))
                .andExpect(jsonPath("$.security[0]['bearer-jwt']").exists())
                .andExpect(jsonPath("$..parameters[?(@.name == 'orgId')]").isEmpty())
                .andExpect(jsonPath("$..parameters[?(@.name == 'caller')]").isEmpty())
                .andExpect(jsonPath("$..parameters[?(@.name == 'X-Org-Id')]").isEmpty())
                .andExpect(jsonPath("$.paths['/api/assessments']").exists())
                .andExpect(jsonPath("$.paths['/api/assessment-requests']").exists())
                .andExpect(jsonPath("$.paths['/scim/v2/Users']").exists())
                .andExpect(jsonPath("$.paths['/api/frameworks/case']").exists());
    }

    // ---- the 360 lifecycle, from SCIM provisioning to skillgaps.identified ----

    @Test
    void fromScimUsersThroughInvitationsAndResponsesToRankedGaps() throws Exception {
        String bob = scimUser("bob", null);
        String alice = scimUser("alice", bob);
        String p1 = scimUser("peer1", bob);
        String p2 = scimUser("peer2", bob);
        String p3 = scimUser("peer3", bob);
        String r1 = scimUser("report", alice);

        // Alice's manager asks for her 360.
        JsonNode requested = json.readTree(mvc.perform(post("/api/assessment-requests").with(bearer(as(bob)))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"personId\":\"%s\",\"roleProfileId\":\"team-lead\",\"peerIds\":[\"%s\",\"%s\",\"%s\"]}"
                                .formatted(alice, p1, p2, p3)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("REQUESTED"))
                .andExpect(jsonPath("$.raters.SELF.invited").value(1))
                .andExpect(jsonPath("$.raters.MANAGER.invited").value(1))
                .andExpect(jsonPath("$.raters.PEER.invited").value(3))
                .andExpect(jsonPath("$.raters.REPORT.invited").value(1))
                .andReturn().getResponse().getContentAsString());
        String id = requested.get("id").asString();

        List<ConsumerRecord<String, byte[]>> invitations = recordsFor("skillpath.assessment.v1", alice, 6);
        assertThat(invitations).hasSize(6);
        Map<String, String> invitationOf = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : invitations) {
            CloudEvent event = CloudEventsConformance.read(r);
            assertThat(event.getType()).isEqualTo("org.skillpath.assessment.requested");
            ContractSchemas.assertValid(event.getType(), TopicReader.value(r));
            JsonNode data = json.readTree(r.value());
            assertThat(data.get("assessmentId").asString()).isEqualTo(id);
            invitationOf.put(data.get("raterId").asString(), data.get("invitationId").asString());
        }
        assertThat(invitationOf).containsOnlyKeys(alice, bob, p1, p2, p3, r1);

        // Self over-rates active listening; everyone else sees weak conflict resolution and budgeting.
        Map<String, Integer> self = Map.of("active-listening", 5, "conflict-resolution", 3, "budgeting", 3);
        Map<String, Integer> others = Map.of("active-listening", 3, "conflict-resolution", 2, "budgeting", 2);
        respond(alice, id, invitationOf.get(alice), self, 3, Map.of());
        respond(p1, id, invitationOf.get(p1), Map.of("conflict-resolution", 1), 3, Map.of());
        // A changed answer before the close replaces the earlier one.
        respond(p1, id, invitationOf.get(p1), others, 3, Map.of("conflict-resolution", "Avoids hard conversations"));
        respond(p2, id, invitationOf.get(p2), others, 3, Map.of("conflict-resolution", "Could step in earlier"));
        respond(r1, id, invitationOf.get(r1), Map.of(), 0, Map.of("conflict-resolution", "Secret from the only report"));
        mvc.perform(get("/api/assessments/" + id).with(bearer(as(alice))))
                .andExpect(jsonPath("$.status").value("OPEN"))
                .andExpect(jsonPath("$.raters.PEER.answered").value(2));
        respond(p3, id, invitationOf.get(p3), others, 3, Map.of("conflict-resolution", "Listens but does not decide"));
        String result = respond(bob, id, invitationOf.get(bob), others, 3, Map.of());

        JsonNode view = json.readTree(result);
        assertThat(view.get("status").asString()).isEqualTo("RESULTS_PUBLISHED");
        assertThat(view.get("closeReason").asString()).contains("every invited rater answered");
        JsonNode gaps = view.get("result").get("gaps");
        assertThat(gaps.get(0).get("skillId").asString()).isIn("conflict-resolution", "budgeting");
        JsonNode listening = score(view, "active-listening");
        assertThat(listening.get("blindSpot").asBoolean()).isTrue();
        assertThat(listening.get("byGroup").has("PEER")).isTrue();
        assertThat(listening.get("otherRaters").asInt()).isEqualTo(4);
        assertThat(result).contains("Avoids hard conversations").doesNotContain("Secret from the only report");
        for (String rater : List.of(p1, p2, p3, r1, bob)) {
            assertThat(result).as("no rater ids in results").doesNotContain(rater);
        }
        assertThat(mvc.perform(get("/api/assessments").param("personId", alice).with(bearer(as(alice))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).doesNotContain(p1).doesNotContain(r1);

        List<ConsumerRecord<String, byte[]>> all = recordsFor("skillpath.assessment.v1", alice, 8);
        List<ConsumerRecord<String, byte[]>> results = all.stream()
                .filter(r -> !"org.skillpath.assessment.requested".equals(TopicReader.header(r, "ce_type"))).toList();
        assertThat(results).extracting(r -> TopicReader.header(r, "ce_type"))
                .containsExactly("org.skillpath.assessment.completed", "org.skillpath.skillgaps.identified");
        for (ConsumerRecord<String, byte[]> r : results) {
            ContractSchemas.assertValid(CloudEventsConformance.read(r).getType(), TopicReader.value(r));
        }
        JsonNode identified = json.readTree(results.get(1).value());
        assertThat(identified.get("gaps").get(0).get("explanation").asString()).contains("below the Team lead target");
        assertThat(new String(results.get(0).value(), StandardCharsets.UTF_8)).doesNotContain(p1);
        mvc.perform(put("/api/assessments/" + id + "/invitations/" + invitationOf.get(p1) + "/response").with(bearer(as(p1)))
                        .contentType(MediaType.APPLICATION_JSON).content(answers(p1, id, invitationOf.get(p1), others, 3, Map.of())))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void theDueDateClosesWithTheAnswersGivenAndWithholdsATooSmallPeerGroup() throws Exception {
        String bob = createPerson("bob", null);
        String alice = createPerson("alice", bob);
        String p1 = createPerson("p1", bob);
        String p2 = createPerson("p2", bob);
        LocalDate tomorrow = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
        JsonNode requested = json.readTree(mvc.perform(post("/api/assessment-requests").with(bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"personId\":\"%s\",\"roleProfileId\":\"manager\",\"dueOn\":\"%s\",\"peerIds\":[\"%s\",\"%s\"]}"
                                .formatted(alice, tomorrow, p1, p2)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        String id = requested.get("id").asString();
        String bobInvitation = DeterministicIds.of("invitation", id, bob);
        respond(bob, id, bobInvitation, Map.of("budgeting", 2), 3, Map.of());
        respond(p1, id, DeterministicIds.of("invitation", id, p1), Map.of("budgeting", 5), 5, Map.of("budgeting", "Peer secret"));

        clock.advance(Duration.ofDays(2));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> mvc.perform(get("/api/assessments/" + id).with(bearer(admin)))
                .andExpect(jsonPath("$.status").value("RESULTS_PUBLISHED")));
        String body = mvc.perform(get("/api/assessments/" + id).with(bearer(admin))).andReturn().getResponse().getContentAsString();
        JsonNode view = json.readTree(body);
        assertThat(view.get("closeReason").asString()).contains("due date");
        JsonNode budgeting = score(view, "budgeting");
        assertThat(budgeting.get("others").asDouble()).isEqualTo(2.0);
        assertThat(budgeting.get("byGroup").has("PEER")).isFalse();
        assertThat(budgeting.get("withheld").get(0).asString()).isEqualTo("PEER");
        assertThat(body).doesNotContain("Peer secret");
        assertThat(recordsFor("skillpath.assessment.v1", alice, 6).stream()
                .filter(r -> "org.skillpath.skillgaps.identified".equals(TopicReader.header(r, "ce_type")))).hasSize(1);
    }

    @Test
    void reassessmentDueStartsOneNewAssessmentWithTheSameRatersAndReportsGrowth() throws Exception {
        String bob = createPerson("bob", null);
        String alice = createPerson("alice", bob);
        String first = json.readTree(mvc.perform(post("/api/assessments").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"personId":"%s","roleProfileId":"team-lead","ratings":[
                                  {"raterId":"%s","group":"SELF","scores":{"budgeting":3}},
                                  {"raterId":"%s","group":"MANAGER","scores":{"budgeting":2,"networking":2}}]}
                                """.formatted(alice, alice, bob)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();

        String eventId = UUID.randomUUID().toString();
        String due = """
                {"planId":"plan-1","personId":"%s","orgId":"%s","previousAssessmentId":"%s","roleProfileId":null,"dueOn":"%s"}
                """.formatted(alice, org, first, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        ContractSchemas.assertValid("org.skillpath.reassessment.due", due);
        RawEvents.publish(bootstrap, "skillpath.progress.v1", alice,
                RawEvents.ceHeaders(eventId, "org.skillpath.reassessment.due", org, "plans/plan-1"), due);
        String id = DeterministicIds.of("assessment", "reassessment", "/skillpath/test#" + eventId);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(get("/api/assessments/" + id).with(bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.previousAssessmentId").value(first))
                .andExpect(jsonPath("$.raters.SELF.invited").value(1))
                .andExpect(jsonPath("$.raters.MANAGER.invited").value(1)));

        // The same event again, and a progress event this service does not need: nothing more happens.
        List<ConsumerRecord<String, byte[]>> invited = recordsFor("skillpath.assessment.v1", alice, 4);
        RawEvents.publish(bootstrap, "skillpath.progress.v1", alice,
                RawEvents.ceHeaders(eventId, "org.skillpath.reassessment.due", org, "plans/plan-1"), due);
        RawEvents.publish(bootstrap, "skillpath.progress.v1", alice,
                RawEvents.ceHeaders(UUID.randomUUID().toString(), "org.skillpath.plan.completed", org, "plans/plan-1"),
                "{\"planId\":\"plan-1\"}");
        String marker = UUID.randomUUID().toString();
        publishGoodMarker(alice, marker, first);
        String markerId = DeterministicIds.of("assessment", "reassessment", "/skillpath/test#" + marker);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(get("/api/assessments/" + markerId)
                .with(bearer(admin))).andExpect(status().isOk()));
        long invitationsForId = recordsFor("skillpath.assessment.v1", alice, 6).stream()
                .filter(r -> "org.skillpath.assessment.requested".equals(TopicReader.header(r, "ce_type")))
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(id)).count();
        assertThat(invitationsForId).isEqualTo(2);
        assertThat(invited).hasSizeGreaterThanOrEqualTo(4);
        assertThat(json.readTree(mvc.perform(get("/api/assessments").param("personId", alice).with(bearer(admin)))
                .andReturn().getResponse().getContentAsString()).get("totalItems").asInt()).isEqualTo(3);

        respond(alice, id, DeterministicIds.of("invitation", id, alice), Map.of("budgeting", 4), 3, Map.of());
        JsonNode done = json.readTree(respond(bob, id, DeterministicIds.of("invitation", id, bob), Map.of("budgeting", 3), 3, Map.of()));
        assertThat(done.get("status").asString()).isEqualTo("RESULTS_PUBLISHED");
        JsonNode gaps = json.readTree(recordsFor("skillpath.assessment.v1", alice, 10).stream()
                .filter(r -> "org.skillpath.skillgaps.identified".equals(TopicReader.header(r, "ce_type")))
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(id)).findFirst().orElseThrow().value());
        ContractSchemas.assertValid("org.skillpath.skillgaps.identified", gaps.toString());
        assertThat(gaps.get("previousAssessmentId").asString()).isEqualTo(first);
        JsonNode growth = gaps.get("growth");
        assertThat(growth.size()).isEqualTo(2);
        JsonNode budgeting = growth.get(0).get("skillId").asString().equals("budgeting") ? growth.get(0) : growth.get(1);
        assertThat(budgeting.get("previousLevel").asDouble()).isEqualTo(2.0);
        assertThat(budgeting.get("currentLevel").asDouble()).isEqualTo(3.0);
    }

    @Test
    void poisonOnTheProgressTopicGoesToTheDeadLetterTopicAndTheConsumerKeepsGoing() throws Exception {
        String bob = createPerson("bob", null);
        String alice = createPerson("alice", bob);
        String first = json.readTree(mvc.perform(post("/api/assessments").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"personId\":\"%s\",\"roleProfileId\":\"team-lead\",\"ratings\":[{\"raterId\":\"%s\",\"group\":\"MANAGER\",\"scores\":{\"budgeting\":2}}]}"
                                .formatted(alice, bob)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();
        RawEvents.publish(bootstrap, "skillpath.progress.v1", alice,
                RawEvents.ceHeaders(UUID.randomUUID().toString(), "org.skillpath.reassessment.due", org, "plans/x"), "{\"planId\":");
        RawEvents.publish(bootstrap, "skillpath.progress.v1", alice, Map.of("content-type", "application/json"), "{}");
        RawEvents.publish(bootstrap, "skillpath.progress.v1", alice,
                RawEvents.ceHeaders(UUID.randomUUID().toString(), "org.skillpath.something.else", org, "plans/x"), "{}");
        String marker = UUID.randomUUID().toString();
        publishGoodMarker(alice, marker, first);

        List<ConsumerRecord<String, byte[]>> dead = recordsFor("skillpath.progress.v1.assessment-service.dlt", alice, 3);
        assertThat(dead).hasSize(3);
        dead.forEach(r -> assertThat(TopicReader.header(r, "x-exception-message")).isNotBlank());
        String id = DeterministicIds.of("assessment", "reassessment", "/skillpath/test#" + marker);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(get("/api/assessments/" + id)
                .with(bearer(admin))).andExpect(status().isOk()));
    }

    @Test
    void anEventOfAnotherOrganisationNamingThisOrganisationsAssessmentIsDeadLetteredAndChangesNothing() throws Exception {
        String bob = createPerson("bob", null);
        String alice = createPerson("alice", bob);
        String first = json.readTree(mvc.perform(post("/api/assessments").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"personId\":\"%s\",\"roleProfileId\":\"team-lead\",\"ratings\":[{\"raterId\":\"%s\",\"group\":\"MANAGER\",\"scores\":{\"budgeting\":2}}]}"
                                .formatted(alice, bob)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();
        String before = mvc.perform(get("/api/assessments/" + first).with(bearer(admin))).andReturn().getResponse().getContentAsString();

        // Consistent in itself (header and data agree), but the assessment it names belongs to this organisation.
        String otherOrg = "other-" + UUID.randomUUID().toString().substring(0, 8);
        String eventId = UUID.randomUUID().toString();
        String due = "{\"planId\":\"p\",\"personId\":\"%s\",\"orgId\":\"%s\",\"previousAssessmentId\":\"%s\",\"dueOn\":\"2030-01-01\"}"
                .formatted(alice, otherOrg, first);
        ContractSchemas.assertValid("org.skillpath.reassessment.due", due);
        RawEvents.publish(bootstrap, "skillpath.progress.v1", alice,
                RawEvents.ceHeaders(eventId, "org.skillpath.reassessment.due", otherOrg, "plans/p"), due);
        String marker = UUID.randomUUID().toString();
        publishGoodMarker(alice, marker, first);

        List<ConsumerRecord<String, byte[]>> dead = recordsFor("skillpath.progress.v1.assessment-service.dlt", alice, 1);
        assertThat(dead).hasSize(1);
        assertThat(TopicReader.header(dead.get(0), "ce_id")).isEqualTo(eventId);
        assertThat(TopicReader.header(dead.get(0), "x-exception-message")).contains("organisation mismatch", first);
        String markerId = DeterministicIds.of("assessment", "reassessment", "/skillpath/test#" + marker);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(get("/api/assessments/" + markerId)
                .with(bearer(admin))).andExpect(status().isOk()));

        String refused = DeterministicIds.of("assessment", "reassessment", "/skillpath/test#" + eventId);
        assertThat(mongo.findById(refused, Document.class, "assessments")).isNull();
        assertThat(mongo.count(Query.query(Criteria.where("orgId").is(otherOrg)), "assessments")).isZero();
        assertThat(mvc.perform(get("/api/assessments/" + first).with(bearer(admin))).andReturn().getResponse()
                .getContentAsString()).isEqualTo(before);
        assertThat(json.readTree(mvc.perform(get("/api/assessments").param("personId", alice).with(bearer(admin)))
                .andReturn().getResponse().getContentAsString()).get("totalItems").asInt()).isEqualTo(2);
    }

    @Test
    void scimDeleteErasesThePersonPublishesATombstoneAndKeepsOnlyAnonymisedResults() throws Exception {
        String bob = scimUser("bob", null);
        String erin = scimUser("erin", bob);
        String report = scimUser("report", erin);
        String assessment = json.readTree(mvc.perform(post("/api/assessments").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"personId\":\"%s\",\"roleProfileId\":\"team-lead\",\"ratings\":[{\"raterId\":\"%s\",\"group\":\"MANAGER\",\"scores\":{\"budgeting\":2}}]}"
                                .formatted(erin, bob)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();
        // Erin also rated her manager: that rating stays, without her id.
        String bobsAssessment = json.readTree(mvc.perform(post("/api/assessments").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"personId\":\"%s\",\"roleProfileId\":\"manager\",\"ratings\":[{\"raterId\":\"%s\",\"group\":\"PEER\",\"scores\":{\"budgeting\":4}}]}"
                                .formatted(bob, erin)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();

        mvc.perform(delete("/scim/v2/Users/" + erin).with(bearer(hr))).andExpect(status().isNoContent());
        mvc.perform(get("/scim/v2/Users/" + erin).with(bearer(hr)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/scim+json"))
                .andExpect(jsonPath("$.schemas[0]").value("urn:ietf:params:scim:api:messages:2.0:Error"))
                .andExpect(jsonPath("$.status").value("404"));
        mvc.perform(delete("/scim/v2/Users/" + erin).with(bearer(hr))).andExpect(status().isNotFound());

        List<ConsumerRecord<String, byte[]>> people = recordsFor("skillpath.people.v1", erin, 2);
        ConsumerRecord<String, byte[]> tombstone = people.get(people.size() - 1);
        assertThat(tombstone.value()).isNull();
        assertThat(TopicReader.header(tombstone, "ce_type")).isEqualTo("org.skillpath.person.erased");
        assertThat(TopicReader.header(tombstone, "ce_orgid")).isEqualTo(org);
        assertThat(TopicReader.header(tombstone, "ce_specversion")).isEqualTo("1.0");
        assertThat(TopicReader.header(tombstone, "ce_id")).isNotBlank();

        List<ConsumerRecord<String, byte[]>> reportEvents = recordsFor("skillpath.people.v1", report, 2);
        assertThat(reportEvents).hasSize(2);
        assertThat(json.readTree(reportEvents.get(1).value()).get("managerId").isNull()).isTrue();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String own = mvc.perform(get("/api/assessments/" + assessment).with(bearer(admin)))
                    .andReturn().getResponse().getContentAsString();
            assertThat(json.readTree(own).get("anonymised").asBoolean()).isTrue();
            assertThat(json.readTree(own).get("personId").asString()).startsWith("erased-").doesNotContain(erin);
        });
        // An admin still finds the anonymised results under their pseudonym; nobody finds anything under erin's id.
        String pseudonym = json.readTree(mvc.perform(get("/api/assessments/" + assessment).with(bearer(admin)))
                .andReturn().getResponse().getContentAsString()).get("personId").asString();
        mvc.perform(get("/api/assessments").param("personId", pseudonym).with(bearer(admin)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items[0].id").value(assessment));
        mvc.perform(get("/api/assessments").param("personId", erin).with(bearer(admin))).andExpect(status().isNotFound());
        mvc.perform(get("/api/assessments/" + assessment).with(bearer(as(bob)))).andExpect(status().isNotFound());
        Document stored = mongo.findById(bobsAssessment, Document.class, "assessments");
        assertThat(stored.toJson()).doesNotContain(erin);
        Document erased = mongo.findById(assessment, Document.class, "assessments");
        assertThat(erased.toJson()).doesNotContain(erin);
        assertThat(mongo.findById(erin, Document.class, "people")).isNull();
    }

    @Test
    void scimUsersCanBeFilteredReplacedAndPatched() throws Exception {
        String bob = scimUser("bob", null);
        String carol = scimUser("carol", null);
        String userName = "dana-" + UUID.randomUUID().toString().substring(0, 6);
        String dana = json.readTree(mvc.perform(post("/scim/v2/Users").with(bearer(hr))
                        .contentType("application/scim+json").content(scimBody(userName, "Dana Doe", bob)))
                .andExpect(status().isCreated())
                .andExpect(content().contentTypeCompatibleWith("application/scim+json"))
                .andExpect(header().string("Location", Matchers.startsWith("/scim/v2/Users/")))
                .andExpect(jsonPath("$.meta.resourceType").value("User"))
                .andExpect(jsonPath("$['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'].manager.value").value(bob))
                .andReturn().getResponse().getContentAsString()).get("id").asString();

        mvc.perform(get("/scim/v2/Users").with(bearer(hr)).param("filter", "userName eq \"" + userName + "\""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.schemas[0]").value("urn:ietf:params:scim:api:messages:2.0:ListResponse"))
                .andExpect(jsonPath("$.totalResults").value(1))
                .andExpect(jsonPath("$.Resources[0].id").value(dana));
        mvc.perform(get("/scim/v2/Users").with(bearer(hr)).param("startIndex", "2").param("count", "1"))
                .andExpect(jsonPath("$.totalResults").value(3))
                .andExpect(jsonPath("$.itemsPerPage").value(1))
                .andExpect(jsonPath("$.startIndex").value(2));

        mvc.perform(patch("/scim/v2/Users/" + dana).with(bearer(hr)).contentType("application/scim+json").content("""
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                          {"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"%s"},
                          {"op":"replace","path":"emails[type eq \\"work\\"].value","value":"dana.new@example.com"},
                          {"op":"add","value":{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales"}}},
                          {"op":"replace","path":"active","value":false}]}
                        """.formatted(carol)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.active").value(false))
                .andExpect(jsonPath("$.emails[0].value").value("dana.new@example.com"))
                .andExpect(jsonPath("$['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'].department").value("Sales"))
                .andExpect(jsonPath("$['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'].manager.value").value(carol));

        // A full replace that changes nothing publishes nothing.
        String current = mvc.perform(get("/scim/v2/Users/" + dana).with(bearer(hr))).andReturn().getResponse().getContentAsString();
        mvc.perform(put("/scim/v2/Users/" + dana).with(bearer(hr)).contentType("application/scim+json").content(current))
                .andExpect(status().isOk());
        mvc.perform(get("/api/people/" + dana).with(bearer(admin)))
                .andExpect(jsonPath("$.managerId").value(carol)).andExpect(jsonPath("$.active").value(false));
        Thread.sleep(500);
        assertThat(TopicReader.read(bootstrap, "skillpath.people.v1", Duration.ofSeconds(5), r -> false).stream()
                .filter(r -> dana.equals(r.key())).count()).isEqualTo(2);
    }

    @Test
    void scimRefusalsAreScimErrorBodies() throws Exception {
        String bob = scimUser("bob", null);
        String userName = "eve-" + UUID.randomUUID().toString().substring(0, 6);
        scimRefused(post("/scim/v2/Users"), "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"displayName\":\"E\",\"emails\":[{\"value\":\"e@example.com\"}]}",
                400, "invalidValue", "userName");
        scimRefused(post("/scim/v2/Users"), scimBody(userName, "Eve", null).replace("\"active\":true", "\"favouriteColour\":\"red\""),
                400, "invalidSyntax", "favouriteColour");
        scimRefused(post("/scim/v2/Users"), scimBody(userName, "Eve", "no-such-person"), 400, "invalidValue", "managerId");
        scimRefused(post("/scim/v2/Users"), scimBody(userName, "\u0430\u0432\u0435p", null), 400, "invalidValue", "displayName");
        scimRefused(post("/scim/v2/Users"), scimBody(userName, "Eve", null).replace("\"emails\":[{\"value\":\"" + userName + "@example.com\",\"type\":\"work\",\"primary\":true}],", ""),
                400, "invalidValue", "emails");
        scimRefused(post("/scim/v2/Users"), "{\"schemas\":", 400, "invalidSyntax", "body");
        mvc.perform(post("/scim/v2/Users").with(bearer(hr)).contentType("application/scim+json").content(scimBody(userName, "Eve", null)))
                .andExpect(status().isCreated());
        scimRefused(post("/scim/v2/Users"), scimBody(userName, "Eve again", null), 409, "uniqueness", "userName");
        mvc.perform(get("/scim/v2/Users").with(bearer(hr)).param("filter", "displayName co \"x\""))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.scimType").value("invalidFilter"));
        scimRefused(patch("/scim/v2/Users/" + bob), "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"move\",\"path\":\"active\"}]}",
                400, "invalidSyntax", "op");
        scimRefused(patch("/scim/v2/Users/" + bob), "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"groups[display eq \\\"x\\\"]\",\"value\":1}]}",
                400, "invalidPath", "path");
        scimRefused(put("/scim/v2/Users/does-not-exist"), scimBody(userName, "Eve", null), 404, null, "id");
    }

    // ---- frameworks, role profiles, bulk import ----

    @Test
    void frameworksAreVersionedRetiredAndExchangedAsCase() throws Exception {
        mvc.perform(get("/api/frameworks").with(bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value("soft-skills-default"))
                .andExpect(jsonPath("$.items[0].skills").value(21));
        String v1 = mvc.perform(get("/api/frameworks/soft-skills-default").with(bearer(admin)))
                .andExpect(jsonPath("$.version").value(1)).andReturn().getResponse().getContentAsString();
        ObjectNode draft = (ObjectNode) json.readTree(v1);
        for (String readOnly : List.of("id", "version", "status", "origin", "createdAt", "retiredAt")) {
            draft.remove(readOnly);
        }
        draft.put("name", "Soft skills, revised");
        mvc.perform(post("/api/frameworks/soft-skills-default/versions").with(bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON).content(draft.toString()))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/frameworks/soft-skills-default/versions/2"))
                .andExpect(jsonPath("$.version").value(2));
        mvc.perform(get("/api/frameworks/default").with(bearer(admin))).andExpect(jsonPath("$.version").value(2));
        mvc.perform(post("/api/frameworks/soft-skills-default/versions/2/retire").with(bearer(admin)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("RETIRED"));
        mvc.perform(get("/api/frameworks/soft-skills-default").with(bearer(admin))).andExpect(jsonPath("$.version").value(1));
        mvc.perform(post("/api/frameworks/soft-skills-default/versions/1/retire").with(bearer(admin)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("team-lead")));

        String exported = mvc.perform(get("/api/frameworks/soft-skills-default/versions/1/case").with(bearer(admin)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.CFDocument.title").exists())
                .andReturn().getResponse().getContentAsString();
        mvc.perform(post("/api/frameworks/case").param("frameworkId", "imported").with(bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON).content(exported))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value("imported"))
                .andExpect(jsonPath("$.origin").value("case-import"))
                .andExpect(jsonPath("$.skills.length()").value(21));
        mvc.perform(post("/api/frameworks/case").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content(exported.replaceFirst("\"title\":\"[^\"]*\"", "\"title\":\"\u0430\u0432\u0435p\"")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("CFDocument.title"));

        draft.put("id", "custom").put("name", "T\u03bfp skills");
        mvc.perform(post("/api/frameworks").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON).content(draft.toString()))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.name").value("Top skills"));
        mvc.perform(post("/api/frameworks").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON).content(draft.toString()))
                .andExpect(status().isConflict());
        ((ObjectNode) draft.get("skills").get(1)).put("id", draft.get("skills").get(0).get("id").asString());
        draft.put("id", "dupes");
        mvc.perform(post("/api/frameworks").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON).content(draft.toString()))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("skills[1].id"));
        mvc.perform(post("/api/frameworks").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"x\",\"name\":\"X\",\"skills\":[],\"extra\":true}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("extra"));
        mvc.perform(get("/api/frameworks").with(bearer(admin)).param("size", "101")).andExpect(status().isBadRequest());

        mvc.perform(post("/api/role-profiles").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"coach\",\"name\":\"Coach\",\"frameworkId\":\"soft-skills-default\",\"targets\":[{\"skillId\":\"juggling\",\"targetLevel\":4,\"weight\":1}]}"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("targets[0].skillId"));
        mvc.perform(post("/api/role-profiles").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"coach\",\"name\":\"Coach\",\"frameworkId\":\"soft-skills-default\",\"targets\":[{\"skillId\":\"empathy\",\"targetLevel\":6,\"weight\":1}]}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("targets[0].targetLevel"));
        mvc.perform(post("/api/role-profiles").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"coach\",\"name\":\"Coach\",\"frameworkId\":\"soft-skills-default\",\"targets\":[{\"skillId\":\"empathy\",\"targetLevel\":4,\"weight\":1.5}]}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.version").value(1));
        mvc.perform(post("/api/role-profiles/coach/versions").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Coach\",\"frameworkId\":\"soft-skills-default\",\"targets\":[{\"skillId\":\"empathy\",\"targetLevel\":5,\"weight\":2}]}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.version").value(2));
        mvc.perform(get("/api/role-profiles").with(bearer(admin)).param("size", "100"))
                .andExpect(jsonPath("$.items[*].id").value(Matchers.hasItems("specialist", "senior-specialist", "team-lead", "manager", "coach")));
        mvc.perform(post("/api/role-profiles/coach/versions/2/retire").with(bearer(admin)))
                .andExpect(jsonPath("$.status").value("RETIRED"));
        mvc.perform(get("/api/role-profiles/coach").with(bearer(admin))).andExpect(jsonPath("$.version").value(1));
    }

    @Test
    void aBulkImportLoadsManagersFirstAndIsSafeToRunAgain() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 6);
        String batch = """
                [{"userName":"ann-%1$s","displayName":"Ann","email":"ann-%1$s@example.com","managerUserName":"ceo-%1$s"},
                 {"userName":"ben-%1$s","displayName":"Ben","email":"ben-%1$s@example.com","managerUserName":"ann-%1$s"},
                 {"userName":"ceo-%1$s","displayName":"C\u03bfra","email":"ceo-%1$s@example.com"}]
                """.formatted(u);
        String first = mvc.perform(post("/api/people/import").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON).content(batch))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(3))
                .andExpect(jsonPath("$.people[0].userName").value("ann-" + u))
                .andReturn().getResponse().getContentAsString();
        JsonNode people = json.readTree(first).get("people");
        String ann = people.get(0).get("personId").asString();
        String ceo = people.get(2).get("personId").asString();
        mvc.perform(get("/api/people/" + ann).with(bearer(admin))).andExpect(jsonPath("$.managerId").value(ceo));
        mvc.perform(get("/api/people/" + ceo).with(bearer(admin))).andExpect(jsonPath("$.displayName").value("Cora"));
        mvc.perform(post("/api/people/import").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON).content(batch))
                .andExpect(status().isOk()).andExpect(jsonPath("$.unchanged").value(3));
        mvc.perform(post("/api/people/import").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content(batch.replace("\"email\":\"ceo-%1$s@example.com\"}".formatted(u),
                                "\"email\":\"ceo-%1$s@example.com\",\"managerUserName\":\"ben-%1$s\"}".formatted(u))))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("cycle")));
        mvc.perform(post("/api/people/import").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content("[{\"userName\":\"x\",\"displayName\":\"X\",\"email\":\"nope\"}]"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/people/import").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON).content("[]"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void lifecycleRefusalsAreProblemDetailsNamingTheField() throws Exception {
        String bob = createPerson("bob", null);
        String alice = createPerson("alice", bob);
        String loner = createPerson("loner", null);
        String peer = createPerson("peer", bob);
        String today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
        refused(post("/api/assessment-requests"), "{\"personId\":\"nobody\",\"roleProfileId\":\"team-lead\"}", 422, "personId");
        refused(post("/api/assessment-requests"), "{\"personId\":\"%s\",\"roleProfileId\":\"astronaut\"}".formatted(alice), 422, "roleProfileId");
        refused(post("/api/assessment-requests"), "{\"personId\":\"%s\",\"roleProfileId\":\"team-lead\",\"dueOn\":\"%s\"}".formatted(alice, today), 422, "dueOn");
        refused(post("/api/assessment-requests"), "{\"personId\":\"%s\",\"roleProfileId\":\"team-lead\",\"dueOn\":\"2999-01-01\"}".formatted(alice), 422, "dueOn");
        refused(post("/api/assessment-requests"), "{\"personId\":\"%s\",\"roleProfileId\":\"team-lead\",\"peerIds\":[\"%s\"]}".formatted(alice, bob), 422, "peerIds[0]");
        refused(post("/api/assessment-requests"), "{\"personId\":\"%s\",\"roleProfileId\":\"team-lead\",\"peerIds\":[\"%s\",\"%s\"]}".formatted(alice, peer, peer), 422, "peerIds[1]");
        refused(post("/api/assessment-requests"), "{\"personId\":\"%s\",\"roleProfileId\":\"team-lead\",\"reportIds\":[\"%s\"]}".formatted(alice, peer), 422, "reportIds[0]");
        refused(post("/api/assessment-requests"), "{\"personId\":\"%s\",\"roleProfileId\":\"team-lead\"}".formatted(loner), 422, "peerIds");
        refused(post("/api/assessment-requests"), "{\"personId\":\"%s\",\"roleProfileId\":\"team-lead\",\"raters\":[]}".formatted(alice), 400, "raters");
        refused(post("/api/assessment-requests"), "{\"personId\":\"%s\",\"roleProfileId\":\"team-lead\",\"dueOn\":\"tomorrow\"}".formatted(alice), 400, "dueOn");

        String id = json.readTree(mvc.perform(post("/api/assessment-requests").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"personId\":\"%s\",\"roleProfileId\":\"team-lead\",\"peerIds\":[\"%s\"]}".formatted(alice, peer)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();
        String inv = DeterministicIds.of("invitation", id, bob);
        String path = "/api/assessments/" + id + "/invitations/" + inv + "/response";
        JsonNode questionnaire = json.readTree(mvc.perform(get("/api/assessments/" + id + "/invitations/" + inv).with(bearer(as(bob))))
                .andExpect(status().isOk()).andExpect(jsonPath("$.group").value("MANAGER"))
                .andExpect(jsonPath("$.skills.length()").value(21)).andReturn().getResponse().getContentAsString());
        String firstIndicator = questionnaire.get("skills").get(0).get("indicators").get(0).get("id").asString();
        refused(as(bob), put(path), "{\"answers\":[{\"indicatorId\":\"%s\",\"level\":3}]}".formatted(firstIndicator), 422, "answers");
        refused(as(bob), put(path), "{\"answers\":[{\"indicatorId\":\"%s\",\"level\":7}]}".formatted(firstIndicator), 400, "answers[0].level");
        refused(as(bob), put(path), "{\"answers\":[{\"indicatorId\":\"%s\",\"level\":3,\"notObserved\":true}]}".formatted(firstIndicator), 400, "answers[0]");
        refused(as(bob), put(path), "{\"answers\":[{\"indicatorId\":\"juggling-1\",\"level\":3}]}", 422, "answers[0].indicatorId");
        refused(as(bob), put(path), "{\"answers\":[{\"indicatorId\":\"%1$s\",\"level\":3},{\"indicatorId\":\"%1$s\",\"level\":3}]}".formatted(firstIndicator), 422, "answers[1].indicatorId");
        String full = answers(bob, id, inv, Map.of(), 3, Map.of());
        refused(as(bob), put(path), full.replace("\"comments\":{}", "\"comments\":{\"juggling\":\"x\"}"), 422, "comments.juggling");
        refused(as(bob), put(path), full.replace("\"comments\":{}", "\"comments\":{\"empathy\":\"\u0430\u0432\u0435p\"}"), 422, "comments.empathy");
        refused(as(bob), put("/api/assessments/" + id + "/invitations/nope/response"), full, 404, null);
        mvc.perform(get("/api/assessments/" + id + "/invitations/nope").with(bearer(TestTokens.admin("another-org", "admin-elsewhere")))).andExpect(status().isNotFound());

        mvc.perform(post("/api/assessments/" + id + "/close").with(bearer(admin)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CLOSED"))
                .andExpect(jsonPath("$.closeReason").value(Matchers.containsString("no results")));
        refused(post("/api/assessments/" + id + "/close"), null, 409, null);
        refused(as(bob), put(path), full, 409, null);

        byte[] huge = new byte[300_000];
        java.util.Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        mvc.perform(post("/api/assessment-requests").with(bearer(admin)).contentType(MediaType.APPLICATION_JSON).content(huge))
                .andExpect(status().isPayloadTooLarge());
        String key = UUID.randomUUID().toString();
        String request = "{\"personId\":\"%s\",\"roleProfileId\":\"team-lead\",\"peerIds\":[\"%s\"]}".formatted(alice, peer);
        String a = mvc.perform(post("/api/assessment-requests").with(bearer(admin)).header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).content(request)).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String b = mvc.perform(post("/api/assessment-requests").with(bearer(admin)).header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(request))
                .andExpect(header().string("Idempotent-Replayed", "true")).andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(b).get("id")).isEqualTo(json.readTree(a).get("id"));
    }

    // ---- helpers ----

    void refused(MockHttpServletRequestBuilder request, String body, int status, String field) throws Exception {
        refused(admin, request, body, status, field);
    }

    void refused(String token, MockHttpServletRequestBuilder request, String body, int status,
                 String field) throws Exception {
        request.with(bearer(token));
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        var result = mvc.perform(request).andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        if (field != null) {
            result.andExpect(jsonPath("$.errors[0].field").value(field));
        }
    }

    void scimRefused(MockHttpServletRequestBuilder request, String body, int status,
                     String scimType, String mentions) throws Exception {
        var result = mvc.perform(request.with(bearer(hr)).contentType("application/scim+json").content(body))
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith("application/scim+json"))
                .andExpect(jsonPath("$.schemas[0]").value("urn:ietf:params:scim:api:messages:2.0:Error"))
                .andExpect(jsonPath("$.status").value(String.valueOf(status)))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString(mentions)));
        if (scimType != null) {
            result.andExpect(jsonPath("$.scimType").value(scimType));
        }
    }

    String scimBody(String userName, String displayName, String managerId) {
        String manager = managerId == null ? "" : ",\"manager\":{\"value\":\"" + managerId + "\"}";
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "userName":"%1$s","name":{"givenName":"G","familyName":"F"},"displayName":"%2$s",
                 "emails":[{"value":"%1$s@example.com","type":"work","primary":true}],"active":true,
                 "phoneNumbers":[{"value":"+49 30 1234","type":"work"}],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"E-1","department":"Engineering"%3$s}}
                """.formatted(userName, displayName, manager);
    }

    String scimUser(String name, String managerId) throws Exception {
        String userName = name + "-" + UUID.randomUUID().toString().substring(0, 6);
        String response = mvc.perform(post("/scim/v2/Users").with(bearer(hr)).contentType("application/scim+json")
                        .content(scimBody(userName, name, managerId)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return json.readTree(response).get("id").asString();
    }

    /** Answers every indicator: the given level per named skill, {@code otherwise} elsewhere (0 = not observed). */
    String answers(String raterId, String assessmentId, String invitationId, Map<String, Integer> levels, int otherwise,
                   Map<String, String> comments) throws Exception {
        JsonNode q = json.readTree(mvc.perform(get("/api/assessments/" + assessmentId + "/invitations/" + invitationId)
                .with(bearer(as(raterId)))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        ObjectNode body = json.createObjectNode();
        var list = body.putArray("answers");
        for (JsonNode skill : q.get("skills")) {
            int level = levels.getOrDefault(skill.get("id").asString(), otherwise);
            for (JsonNode indicator : skill.get("indicators")) {
                ObjectNode a = list.addObject().put("indicatorId", indicator.get("id").asString());
                if (level == 0) {
                    a.put("notObserved", true);
                } else {
                    a.put("level", level);
                }
            }
        }
        ObjectNode c = body.putObject("comments");
        comments.forEach(c::put);
        return body.toString();
    }

    /** The rater answers their own invitation, with their own token. */
    String respond(String raterId, String assessmentId, String invitationId, Map<String, Integer> levels, int otherwise,
                   Map<String, String> comments) throws Exception {
        return mvc.perform(put("/api/assessments/" + assessmentId + "/invitations/" + invitationId + "/response")
                        .with(bearer(as(raterId))).contentType(MediaType.APPLICATION_JSON)
                        .content(answers(raterId, assessmentId, invitationId, levels, otherwise, comments)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** A well-formed reassessment.due; once its assessment exists, every record published before it was consumed. */
    void publishGoodMarker(String personId, String eventId, String previous) {
        String due = "{\"planId\":\"p\",\"personId\":\"%s\",\"orgId\":\"%s\",\"previousAssessmentId\":\"%s\",\"dueOn\":\"2030-01-01\"}"
                .formatted(personId, org, previous);
        ContractSchemas.assertValid("org.skillpath.reassessment.due", due);
        RawEvents.publish(bootstrap, "skillpath.progress.v1", personId,
                RawEvents.ceHeaders(eventId, "org.skillpath.reassessment.due", org, "plans/p"), due);
    }

    static JsonNode score(JsonNode view, String skillId) {
        for (JsonNode s : view.get("scores")) {
            if (s.get("skillId").asString().equals(skillId)) {
                return s;
            }
        }
        throw new AssertionError("no score for " + skillId);
    }

    String createPerson(String name, String managerId) throws Exception {
        String userName = name + "-" + UUID.randomUUID().toString().substring(0, 6);
        String body = managerId == null
                ? "{\"userName\":\"%s\",\"displayName\":\"%s\",\"email\":\"%s@example.com\"}".formatted(userName, name, userName)
                : "{\"userName\":\"%s\",\"displayName\":\"%s\",\"email\":\"%s@example.com\",\"managerId\":\"%s\"}"
                        .formatted(userName, name, userName, managerId);
        String response = mvc.perform(post("/api/people").with(bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return json.readTree(response).get("personId").asString();
    }

    List<ConsumerRecord<String, byte[]>> recordsFor(String topic, String key, int expected) {
        return TopicReader.read(bootstrap, topic, Duration.ofSeconds(20),
                        recs -> recs.stream().filter(r -> key.equals(r.key())).count() >= expected).stream()
                .filter(r -> key.equals(r.key())).toList();
    }
}
