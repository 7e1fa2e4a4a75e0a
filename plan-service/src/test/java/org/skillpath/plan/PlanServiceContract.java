package org.skillpath.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.kit.test.CloudEventsConformance;
import org.skillpath.kit.test.ContractSchemas;
import org.skillpath.kit.test.RawEvents;
import org.skillpath.kit.test.TopicReader;
import org.skillpath.plan.people.PersonView;
import org.skillpath.plan.plans.Plan;
import org.skillpath.plan.plans.PlanStatus;
import org.skillpath.plan.plans.PlanStep;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * plan-service on real infrastructure, written once and run against the embedded broker and store
 * ({@link PlanServiceIT}) and against Kafka and MongoDB containers where Docker exists
 * ({@link PlanServiceContainersIT}). Every test uses fresh person ids and filters what it reads by key, so the
 * tests can share the topics.
 */
@SpringBootTest
@AutoConfigureMockMvc
abstract class PlanServiceContract {

    static final String DATABASE = "skillpath-plan-it";
    static final String ASSESSMENT_TOPIC = "skillpath.assessment.v1";
    static final String PEOPLE_TOPIC = "skillpath.people.v1";
    static final String PLAN_TOPIC = "skillpath.plan.v1";
    static final String ASSESSMENT_DLT = "skillpath.assessment.v1.plan-service.dlt";
    static final String PEOPLE_DLT = "skillpath.people.v1.plan-service.dlt";
    static final String GAPS_IDENTIFIED = "org.skillpath.skillgaps.identified";
    static final String PLAN_CREATED = "org.skillpath.plan.created";
    static final String ORG = "acme";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    Environment environment;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MockMvc mvc;

    @Test
    void identifiedGapsBecomeAStoredPlanAndExactlyOnePlanCreatedCloudEvent() {
        String personId = uuid();
        String assessmentId = uuid();
        publishGaps(personId, assessmentId, ORG, gapsJson(assessmentId, personId, ORG));

        String planId = DeterministicIds.of("plan", assessmentId);
        Plan plan = awaitPlan(planId);
        assertThat(plan.getPersonId()).isEqualTo(personId);
        assertThat(plan.getOrgId()).isEqualTo(ORG);
        assertThat(plan.getAssessmentId()).isEqualTo(assessmentId);
        assertThat(plan.getRoleName()).isEqualTo("Team lead");
        assertThat(plan.getStatus()).isEqualTo(PlanStatus.PROPOSED);
        assertThat(plan.getStartsOn()).as("the Monday on or after Wednesday 18 November").isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(plan.getEndsOn()).isEqualTo(LocalDate.of(2027, 2, 15));
        assertThat(plan.getWeeklyBudgetHours()).isEqualTo(3.0);
        assertThat(plan.getSteps()).extracting(PlanStep::skillId)
                .contains("conflict-resolution", "budgeting", "active-listening").doesNotContain("networking");
        assertThat(plan.getSteps()).allSatisfy(s -> {
            assertThat(s.stepId()).isEqualTo(DeterministicIds.of(planId, s.activityId()));
            assertThat(s.reason()).startsWith("Closes the ");
        });
        assertThat(plan.getNotes()).anyMatch(n -> n.contains("not in this plan: networking"));

        List<ConsumerRecord<String, byte[]>> records = exactly(PLAN_TOPIC, personId, 1);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, byte[]> record = records.get(0);
        CloudEvent event = CloudEventsConformance.read(record);
        assertThat(record.key()).isEqualTo(personId);
        assertThat(event.getType()).isEqualTo(PLAN_CREATED);
        assertThat(event.getId()).isEqualTo(DeterministicIds.of("plan.created", planId));
        assertThat(event.getSource().toString()).isEqualTo("/skillpath/plan-service");
        assertThat(event.getSubject()).isEqualTo("plans/" + planId);
        assertThat(event.getExtension("orgid")).isEqualTo(ORG);
        String payload = new String(event.getData().toBytes(), StandardCharsets.UTF_8);
        ContractSchemas.assertValid(PLAN_CREATED, payload);
        assertThat(payload).contains("\"planId\":\"" + planId + "\"", "\"personId\":\"" + personId + "\"",
                "\"startsOn\":\"2026-11-23\"", "\"status\":\"PROPOSED\"", "\"xapiActivityId\":\"https://skillpath.dev/activities/");
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(mongo.findById(planId, Plan.class).pendingEvents()).as("the relay emptied the outbox").isEmpty());
    }

    @Test
    void aRedeliveredRecordYieldsOnePlanAndOnePlanCreatedEvent() {
        String personId = uuid();
        String first = uuid();
        String json = gapsJson(first, personId, ORG);
        Map<String, String> headers = RawEvents.ceHeaders(uuid(), GAPS_IDENTIFIED, ORG, "assessments/" + first);
        ContractSchemas.assertValid(GAPS_IDENTIFIED, json);
        RawEvents.publish(bootstrap(), ASSESSMENT_TOPIC, personId, headers, json);
        RawEvents.publish(bootstrap(), ASSESSMENT_TOPIC, personId, headers, json);
        // Same key, same partition: once the next assessment's plan exists, the redelivery was processed too.
        String second = uuid();
        publishGaps(personId, second, ORG, gapsJson(second, personId, ORG));
        awaitPlan(DeterministicIds.of("plan", second));

        assertThat(mongo.find(Query.query(Criteria.where("personId").is(personId)), Plan.class))
                .extracting(Plan::getAssessmentId).containsExactlyInAnyOrder(first, second);
        List<ConsumerRecord<String, byte[]>> records = exactly(PLAN_TOPIC, personId, 2);
        assertThat(records).extracting(r -> TopicReader.header(r, "ce_subject")).containsExactlyInAnyOrder(
                "plans/" + DeterministicIds.of("plan", first), "plans/" + DeterministicIds.of("plan", second));
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheConsumerKeepsGoing() {
        String personId = uuid();
        RawEvents.publish(bootstrap(), ASSESSMENT_TOPIC, personId,
                RawEvents.ceHeaders(uuid(), GAPS_IDENTIFIED, ORG, "assessments/malformed"), "{\"assessmentId\": ");
        RawEvents.publish(bootstrap(), ASSESSMENT_TOPIC, personId, Map.of(), gapsJson(uuid(), personId, ORG));
        String foreign = uuid();
        publishGaps(personId, foreign, "globex", gapsJson(foreign, personId, ORG));
        RawEvents.publish(bootstrap(), ASSESSMENT_TOPIC, personId,
                RawEvents.ceHeaders(uuid(), "org.skillpath.plan.created", ORG, "plans/x"), gapsJson(uuid(), personId, ORG));
        // Defined for the topic but nothing to do: neither a plan nor a dead letter.
        String completed = uuid();
        String completedJson = """
                {"assessmentId":"%s","personId":"%s","orgId":"%s","roleProfileId":"team-lead",
                 "completedAt":"2026-11-18T09:29:00Z","raterCounts":{"SELF":1,"MANAGER":1,"PEER":3}}"""
                .formatted(completed, personId, ORG);
        ContractSchemas.assertValid("assessment.completed", completedJson);
        RawEvents.publish(bootstrap(), ASSESSMENT_TOPIC, personId,
                RawEvents.ceHeaders(uuid(), "org.skillpath.assessment.completed", ORG, "assessments/" + completed),
                completedJson);
        String withoutGaps = uuid();
        publishGaps(personId, withoutGaps, ORG, """
                {"assessmentId":"%s","personId":"%s","orgId":"%s","roleProfileId":"team-lead","roleName":"Team lead",
                 "identifiedAt":"2026-11-18T09:30:00Z","gaps":[],"strengths":[]}""".formatted(withoutGaps, personId, ORG));
        String good = uuid();
        publishGaps(personId, good, ORG, gapsJson(good, personId, ORG));

        awaitPlan(DeterministicIds.of("plan", good));
        List<ConsumerRecord<String, byte[]>> dead = exactly(ASSESSMENT_DLT, personId, 4);
        assertThat(dead).extracting(r -> TopicReader.header(r, "x-exception-message")).satisfiesExactly(
                m -> assertThat(m).contains("does not fit SkillGapsIdentified"),
                m -> assertThat(m).contains("not a CloudEvents 1.0 record"),
                m -> assertThat(m).contains("is for organisation globex but its data for acme"),
                m -> assertThat(m).contains("does not carry org.skillpath.plan.created"));
        assertThat(mongo.findById(DeterministicIds.of("plan", completed), Plan.class)).isNull();
        assertThat(mongo.findById(DeterministicIds.of("plan", withoutGaps), Plan.class)).as("no gaps, no plan").isNull();
    }

    @Test
    void personUpsertsKeepAnIdempotentPeopleViewAndErasuresRemoveIt() {
        String personId = uuid();
        String managerId = uuid();
        String json = personJson(personId, ORG, "Carol Jones", managerId, true);
        ContractSchemas.assertValid("org.skillpath.person.upserted", json);
        Map<String, String> headers = RawEvents.ceHeaders(uuid(), "org.skillpath.person.upserted", ORG, "people/" + personId);
        RawEvents.publish(bootstrap(), PEOPLE_TOPIC, personId, headers, json);
        RawEvents.publish(bootstrap(), PEOPLE_TOPIC, personId, headers, json);
        RawEvents.publish(bootstrap(), PEOPLE_TOPIC, personId,
                RawEvents.ceHeaders(uuid(), "org.skillpath.person.upserted", "globex", "people/" + personId), json);
        // A later record on the same partition: once it is applied, the two before it were processed.
        String markerId = uuid();
        publishPerson(markerId, personJson(markerId, ORG, "Dan Marker", null, false));
        await().atMost(PATIENCE).until(() -> mongo.findById(markerId, PersonView.class) != null);

        assertThat(mongo.findById(personId, PersonView.class))
                .isEqualTo(new PersonView(personId, ORG, "Carol Jones", managerId, true, true));
        assertThat(exactly(PEOPLE_DLT, personId, 1)).singleElement()
                .satisfies(r -> assertThat(TopicReader.header(r, "x-exception-message")).contains("organisation globex"));

        publishPerson(personId, personJson(personId, ORG, "Carol Jones-Smith", managerId, false));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(mongo.findById(personId, PersonView.class))
                .isEqualTo(new PersonView(personId, ORG, "Carol Jones-Smith", managerId, false, true)));

        // Erasure: a tombstone (no value) on the compacted topic; plan-service forgets the person.
        RawEvents.publish(bootstrap(), PEOPLE_TOPIC, personId,
                RawEvents.ceHeaders(uuid(), "org.skillpath.person.erased", ORG, "people/" + personId), null);
        await().atMost(PATIENCE).until(() -> mongo.findById(personId, PersonView.class) == null);
    }

    @Test
    void plansAreReadWithinTheCallersOrganisation() throws Exception {
        String personId = uuid();
        String assessmentId = uuid();
        publishGaps(personId, assessmentId, ORG, gapsJson(assessmentId, personId, ORG));
        String planId = DeterministicIds.of("plan", assessmentId);
        Plan plan = awaitPlan(planId);

        mvc.perform(get("/api/plans/{planId}", planId).header("X-Org-Id", ORG))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.planId").value(planId))
                .andExpect(jsonPath("$.personId").value(personId))
                .andExpect(jsonPath("$.status").value("PROPOSED"))
                .andExpect(jsonPath("$.startsOn").value("2026-11-23"))
                .andExpect(jsonPath("$.steps.length()").value(plan.getSteps().size()))
                .andExpect(jsonPath("$.steps[0].stepId").value(plan.getSteps().get(0).stepId()))
                .andExpect(jsonPath("$.mix.experience").isNumber())
                .andExpect(jsonPath("$.outbox").doesNotExist());
        mvc.perform(get("/api/plans/{planId}", planId).header("X-Org-Id", "globex"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/plans/{planId}", uuid()).header("X-Org-Id", ORG))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.title").value("Not found"));
        mvc.perform(get("/api/plans/{planId}", planId))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("X-Org-Id"));

        mvc.perform(get("/api/plans").param("personId", personId).header("X-Org-Id", ORG))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.items[0].planId").value(planId));
        mvc.perform(get("/api/plans").param("size", "101").header("X-Org-Id", ORG))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("size"));
    }

    @Test
    void theCatalogIsListedPagedAndBySkillAndTheApiIsDocumented() throws Exception {
        mvc.perform(get("/api/catalog").param("skillId", "budgeting").param("size", "2").header("X-Org-Id", ORG))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(4))
                .andExpect(jsonPath("$.totalPages").value(2))
                .andExpect(jsonPath("$.items[0].id").value("budgeting-course"))
                .andExpect(jsonPath("$.items[0].bucket").value("FORMAL"))
                .andExpect(jsonPath("$.items[0].xapiActivityId").value("https://skillpath.dev/activities/budgeting-course"))
                .andExpect(jsonPath("$.items[1].id").value("explain-a-budget-variance"));
        mvc.perform(get("/api/catalog").param("page", "-1").header("X-Org-Id", ORG))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/plans/{planId}']").exists())
                .andExpect(jsonPath("$.paths['/api/catalog']").exists());
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
