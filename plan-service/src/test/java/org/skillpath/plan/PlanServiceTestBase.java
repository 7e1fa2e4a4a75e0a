package org.skillpath.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.skillpath.kit.test.TestTokens.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.kit.test.ContractSchemas;
import org.skillpath.kit.test.MutableClock;
import org.skillpath.kit.test.RawEvents;
import org.skillpath.kit.test.TestTokens;
import org.skillpath.kit.test.TopicReader;
import org.skillpath.plan.people.PersonView;
import org.skillpath.plan.plans.Plan;
import org.skillpath.plan.plans.PlanLifecycle;
import org.skillpath.plan.plans.PlanStep;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * What every plan-service integration contract shares: one application context (the same annotations and, through
 * {@link EmbeddedInfrastructure}, the same infrastructure, so the contracts never run two members of the
 * {@code plan-service} consumer group side by side), and the helpers that publish input events and read output.
 * Every test uses fresh person ids (and organisations where it counts) and filters what it reads by key, so the
 * tests can share the topics and the store.
 */
// The catalog cache never expires here: every catalog change a plan sees went through the cache's invalidation.
@SpringBootTest(properties = {"skillpath.planning.activation-scan=PT1H", "skillpath.catalog.cache-ttl=PT1H",
        "skillpath.limits.mass-actions.catalog-import-per-minute=" + PlanServiceTestBase.IMPORTS_PER_MINUTE})
@AutoConfigureMockMvc
@Import({PlanServiceTestBase.TestClock.class, MongoCommands.class})
abstract class PlanServiceTestBase {

    /** Time starts on the morning the test assessments close; tests move it forward only (the relay leases on it). */
    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        MutableClock clock() {
            return new MutableClock(Instant.parse("2026-11-18T10:00:00Z"));
        }
    }

    static final String DATABASE = "skillpath-plan-it";
    /** Catalog imports an organisation may make a minute: small here, so one test can exhaust the budget. */
    static final int IMPORTS_PER_MINUTE = 4;
    static final String ASSESSMENT_TOPIC = "skillpath.assessment.v1";
    static final String PEOPLE_TOPIC = "skillpath.people.v1";
    static final String PLAN_TOPIC = "skillpath.plan.v1";
    static final String PROGRESS_TOPIC = "skillpath.progress.v1";
    static final String ASSESSMENT_DLT = "skillpath.assessment.v1.plan-service.dlt";
    static final String PEOPLE_DLT = "skillpath.people.v1.plan-service.dlt";
    static final String PROGRESS_DLT = "skillpath.progress.v1.plan-service.dlt";
    static final String GAPS_IDENTIFIED = "org.skillpath.skillgaps.identified";
    static final String PLAN_CREATED = "org.skillpath.plan.created";
    static final String MENTOR_ASSIGNED = "org.skillpath.mentor.assigned";
    static final String PLAN_REVISED = "org.skillpath.plan.revised";
    static final String PLAN_ACTIVATED = "org.skillpath.plan.activated";
    static final String PLAN_COMPLETED = "org.skillpath.plan.completed";
    static final String ORG = "acme";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    Environment environment;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MockMvc mvc;
    @Autowired
    MutableClock clock;
    @Autowired
    PlanLifecycle lifecycle;

    /**
     * A person's plan whose conflict-resolution step is mentored by a colleague and whose creativity gap gets the
     * academy's workshop (creativity's only formal activity), so the plan holds a mentor slot and a seat. The person
     * reports to a manager, who may act on the plan too.
     */
    record MentoredPlan(String personId, String mentorId, String managerId, String assessmentId, Plan plan) {
    }

    MentoredPlan mentoredPlan(String tenant) {
        String alice = uuid();
        String carol = uuid();
        String manager = uuid();
        publishPerson(tenant, carol, personJson(carol, tenant, "Carol Coach", null, true));
        publishPerson(tenant, alice, personJson(alice, tenant, "Alice Learner", manager, false));
        publishStrengths(tenant, carol, 4.6);
        await().atMost(PATIENCE).until(() -> strengthsOf(carol) && mongo.findById(alice, PersonView.class) != null
                && mongo.findById(alice, PersonView.class).displayName() != null);
        String assessmentId = uuid();
        publishGaps(alice, assessmentId, tenant, gapsJson(assessmentId, alice, tenant)
                .replace("\"skillId\":\"networking\",\"skillName\":\"Networking\"",
                        "\"skillId\":\"creativity\",\"skillName\":\"Creativity\"")
                .replace("\"priority\":0.5", "\"priority\":1.5"));
        Plan plan = awaitPlan(DeterministicIds.of("plan", assessmentId));
        assertThat(plan.mentorIds()).as(plan.getNotes().toString()).containsExactly(carol);
        return new MentoredPlan(alice, carol, manager, assessmentId, plan);
    }

    ResultActions archive(String token, String planId, String json) throws Exception {
        return mvc.perform(post("/api/plans/{planId}/archive", planId).with(bearer(token))
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    ResultActions approve(String token, String planId, String swapId) throws Exception {
        return mvc.perform(post("/api/plans/{planId}/swaps/{swapId}/approve", planId, swapId).with(bearer(token)));
    }

    /** A step of the plan and the first alternative the planner offers for it. */
    record Swappable(PlanStep step, String alternative) {
    }

    Swappable swappable(Plan plan) throws Exception {
        for (PlanStep candidate : plan.getSteps()) {
            String body = mvc.perform(get("/api/plans/{planId}/steps/{stepId}/alternatives", plan.getId(),
                            candidate.stepId()).with(bearer(TestTokens.employee(plan.getOrgId(), plan.getPersonId()))))
                    .andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            tools.jackson.databind.JsonNode offered = tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
            if (!offered.isEmpty()) {
                String alternative = offered.get(0).get("activityId").asString();
                assertThat(offered.get(0).get("reason").asString()).startsWith("Closes the ");
                assertThat(offered.get(0).get("skillId").asString()).isEqualTo(candidate.skillId());
                assertThat(plan.getSteps()).extracting(PlanStep::activityId).doesNotContain(alternative);
                return new Swappable(candidate, alternative);
            }
        }
        throw new AssertionError("no step of plan " + plan.getId() + " has an alternative");
    }

    void publishPerson(String tenant, String personId, String json) {
        ContractSchemas.assertValid("org.skillpath.person.upserted", json);
        RawEvents.publish(bootstrap(), PEOPLE_TOPIC, personId,
                RawEvents.ceHeaders(uuid(), "org.skillpath.person.upserted", tenant, "people/" + personId), json);
    }

    void publishStrengths(String tenant, String personId, double conflictResolution) {
        String assessmentId = uuid();
        publishGaps(personId, assessmentId, tenant, """
                {"assessmentId":"%s","personId":"%s","orgId":"%s","roleProfileId":"team-lead","roleName":"Team lead",
                 "identifiedAt":"2026-11-10T09:30:00Z","gaps":[],
                 "strengths":[{"skillId":"conflict-resolution","skillName":"Conflict resolution","level":%s}]}"""
                .formatted(assessmentId, personId, tenant, conflictResolution));
    }

    boolean strengthsOf(String personId) {
        PersonView p = mongo.findById(personId, PersonView.class);
        return p != null && !p.strengths().isEmpty() && p.displayName() != null;
    }

    String bootstrap() {
        return environment.getRequiredProperty("spring.kafka.bootstrap-servers");
    }

    void publishGaps(String personId, String assessmentId, String headerOrg, String json) {
        ContractSchemas.assertValid(GAPS_IDENTIFIED, json);
        RawEvents.publish(bootstrap(), ASSESSMENT_TOPIC, personId,
                RawEvents.ceHeaders(uuid(), GAPS_IDENTIFIED, headerOrg, "assessments/" + assessmentId), json);
    }

    void publishPerson(String personId, String json) {
        RawEvents.publish(bootstrap(), PEOPLE_TOPIC, personId,
                RawEvents.ceHeaders(uuid(), "org.skillpath.person.upserted", ORG, "people/" + personId), json);
    }

    Plan awaitPlan(String planId) {
        return await().atMost(PATIENCE).until(() -> mongo.findById(planId, Plan.class), p -> p != null);
    }

    /**
     * The records of {@code key} on {@code topic}, read until at least {@code expected} arrived and then two
     * seconds more, so that a duplicate would be seen too.
     */
    List<ConsumerRecord<String, byte[]>> exactly(String topic, String key, int expected) {
        long[] enoughSince = {0};
        List<ConsumerRecord<String, byte[]>> all = TopicReader.read(bootstrap(), topic, PATIENCE, records -> {
            if (records.stream().filter(r -> key.equals(r.key())).count() < expected) {
                return false;
            }
            if (enoughSince[0] == 0) {
                enoughSince[0] = System.nanoTime();
            }
            return System.nanoTime() - enoughSince[0] > Duration.ofSeconds(2).toNanos();
        });
        return all.stream().filter(r -> key.equals(r.key())).toList();
    }

    static String gapsJson(String assessmentId, String personId, String orgId) {
        return """
                {"assessmentId":"%s","personId":"%s","orgId":"%s","roleProfileId":"team-lead","roleName":"Team lead",
                 "identifiedAt":"2026-11-18T09:30:00Z","previousAssessmentId":null,
                 "gaps":[
                  {"skillId":"conflict-resolution","skillName":"Conflict resolution","currentLevel":2.0,"targetLevel":4,
                   "gap":2.0,"weight":1.0,"confidence":0.9,"priority":2.0,"explanation":"Rated 2.0 by five raters; the role needs 4."},
                  {"skillId":"budgeting","skillName":"Budgeting","currentLevel":1.5,"targetLevel":3.5,
                   "gap":2.0,"weight":0.8,"confidence":0.8,"priority":1.6,"explanation":"Rated 1.5; the role needs 3.5."},
                  {"skillId":"active-listening","skillName":"Active listening","currentLevel":2.6,"targetLevel":4,
                   "gap":1.4,"weight":1.0,"confidence":0.7,"priority":1.4,"explanation":"Self-rating 4.5 against others' 2.6: a blind spot."},
                  {"skillId":"networking","skillName":"Networking","currentLevel":2.0,"targetLevel":3,
                   "gap":1.0,"weight":0.5,"confidence":0.9,"priority":0.5,"explanation":"Rated 2.0; the role needs 3."}],
                 "strengths":[{"skillId":"critical-thinking","skillName":"Critical thinking","level":4.2}]}"""
                .formatted(assessmentId, personId, orgId);
    }

    static String personJson(String personId, String orgId, String displayName, String managerId, boolean mentor) {
        return """
                {"personId":"%s","orgId":"%s","userName":"%s","displayName":"%s","email":"%s@example.com",
                 "managerId":%s,"department":"Delivery","active":true,"mentorOptIn":%s,"locale":"en","timeZone":"UTC",
                 "changedAt":"2026-11-18T08:00:00Z"}"""
                .formatted(personId, orgId, personId, displayName, personId,
                        managerId == null ? "null" : "\"" + managerId + "\"", mentor);
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }
}
