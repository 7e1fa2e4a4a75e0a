package org.skillpath.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.skillpath.kit.test.TestTokens.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.kit.test.CloudEventsConformance;
import org.skillpath.kit.test.ContractSchemas;
import org.skillpath.kit.test.RawEvents;
import org.skillpath.kit.test.TestTokens;
import org.skillpath.kit.test.TopicReader;
import org.skillpath.plan.people.PersonView;
import org.skillpath.plan.plans.Actor;
import org.skillpath.plan.plans.Plan;
import org.skillpath.plan.plans.PlanStatus;
import org.skillpath.plan.plans.PlanStep;
import org.skillpath.plan.plans.SwapApprovalSwitch;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;

/**
 * plan-service on real infrastructure, written once and run against the embedded broker and store
 * ({@link PlanServiceIT}) and against Kafka and MongoDB containers where Docker exists
 * ({@link PlanServiceContainersIT}). Every request carries a real signed token of the caller the rules expect.
 */
abstract class PlanServiceContract extends PlanServiceTestBase {

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
                .extracting(PersonView::orgId, PersonView::displayName, PersonView::managerId, PersonView::mentorOptIn,
                        PersonView::active)
                .containsExactly(ORG, "Carol Jones", managerId, true, true);
        assertThat(exactly(PEOPLE_DLT, personId, 1)).singleElement()
                .satisfies(r -> assertThat(TopicReader.header(r, "x-exception-message")).contains("organisation globex"));

        publishPerson(personId, personJson(personId, ORG, "Carol Jones-Smith", managerId, false));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(mongo.findById(personId, PersonView.class))
                .extracting(PersonView::displayName, PersonView::mentorOptIn).containsExactly("Carol Jones-Smith", false));

        // Erasure: a tombstone (no value) on the compacted topic; plan-service forgets the person.
        RawEvents.publish(bootstrap(), PEOPLE_TOPIC, personId,
                RawEvents.ceHeaders(uuid(), "org.skillpath.person.erased", ORG, "people/" + personId), null);
        await().atMost(PATIENCE).until(() -> mongo.findById(personId, PersonView.class) == null);
    }

    @Test
    void planningPreferencesAreKeptForKnownPeopleOnlyAndNothingIsStoredForOthers() throws Exception {
        String stranger = uuid();
        mvc.perform(put("/api/people/{id}/planning-preferences", stranger).with(bearer(TestTokens.employee(ORG, stranger)))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"weeklyBudgetHours\":4,\"horizonWeeks\":10}"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(mongo.findById(stranger, PersonView.class)).as("no placeholder for an unknown person").isNull();

        String personId = uuid();
        publishPerson(personId, personJson(personId, ORG, "Pat Planner", null, false));
        await().atMost(PATIENCE).until(() -> mongo.findById(personId, PersonView.class) != null);
        mvc.perform(put("/api/people/{id}/planning-preferences", personId).with(bearer(TestTokens.employee(ORG, personId)))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"weeklyBudgetHours\":4,\"horizonWeeks\":10}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.weeklyBudgetHours").value(4.0))
                .andExpect(jsonPath("$.horizonWeeks").value(10));
    }

    @Test
    void plansAreReadWithinTheCallersOrganisation() throws Exception {
        String personId = uuid();
        String assessmentId = uuid();
        publishGaps(personId, assessmentId, ORG, gapsJson(assessmentId, personId, ORG));
        String planId = DeterministicIds.of("plan", assessmentId);
        Plan plan = awaitPlan(planId);

        String owner = TestTokens.employee(ORG, personId);
        mvc.perform(get("/api/plans/{planId}", planId).with(bearer(owner)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.planId").value(planId))
                .andExpect(jsonPath("$.personId").value(personId))
                .andExpect(jsonPath("$.status").value("PROPOSED"))
                .andExpect(jsonPath("$.startsOn").value("2026-11-23"))
                .andExpect(jsonPath("$.steps.length()").value(plan.getSteps().size()))
                .andExpect(jsonPath("$.steps[0].stepId").value(plan.getSteps().get(0).stepId()))
                .andExpect(jsonPath("$.mix.experience").isNumber())
                .andExpect(jsonPath("$.outbox").doesNotExist());
        // Another organisation's token, even for the same person id, finds nothing.
        mvc.perform(get("/api/plans/{planId}", planId).with(bearer(TestTokens.employee("globex", personId))))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/plans/{planId}", uuid()).with(bearer(owner)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.title").value("Not found"));
        // The organisation comes from the token only: without one (an X-Org-Id header is no substitute), 401.
        mvc.perform(get("/api/plans/{planId}", planId).header("X-Org-Id", ORG))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401));

        mvc.perform(get("/api/plans").param("personId", personId).with(bearer(owner)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.items[0].planId").value(planId));
        mvc.perform(get("/api/plans").param("size", "101").with(bearer(TestTokens.admin(ORG, uuid()))))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("size"));
    }

    @Test
    void theCatalogIsListedPagedAndBySkillAndTheApiIsDocumented() throws Exception {
        String employee = TestTokens.employee(ORG, uuid());
        mvc.perform(get("/api/catalog").param("skillId", "budgeting").param("size", "2").with(bearer(employee)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(5))
                .andExpect(jsonPath("$.totalPages").value(3))
                .andExpect(jsonPath("$.items[0].id").value("budget-review-feedback"))
                .andExpect(jsonPath("$.items[0].bucket").value("SOCIAL"))
                .andExpect(jsonPath("$.items[1].id").value("budgeting-course"))
                .andExpect(jsonPath("$.items[1].xapiActivityId").value("https://skillpath.dev/activities/budgeting-course"));
        mvc.perform(get("/api/catalog").param("page", "-1").with(bearer(employee)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/plans/{planId}']").exists())
                .andExpect(jsonPath("$.paths['/api/catalog']").exists())
                .andExpect(jsonPath("$.paths['/api/catalog/import']").exists())
                .andExpect(jsonPath("$.paths['/api/plans/{planId}/accept']").exists())
                .andExpect(jsonPath("$.paths['/api/plans/{planId}/steps/{stepId}/swap']").exists())
                .andExpect(jsonPath("$.paths['/api/plans/{planId}/swaps/{swapId}/approve']").exists())
                .andExpect(jsonPath("$.paths['/api/plans/{planId}/archive']").exists())
                .andExpect(jsonPath("$.paths['/api/mentors']").exists())
                .andExpect(jsonPath("$.paths['/api/mentoring/mentees']").exists())
                // Every operation needs a bearer token; the tenant and the caller are no request parameters.
                .andExpect(jsonPath("$.components.securitySchemes['bearer-jwt'].scheme").value("bearer"))
                .andExpect(jsonPath("$.security[0]['bearer-jwt']").exists())
                .andExpect(jsonPath("$.paths['/asyncapi'].get.security").isArray())
                .andExpect(jsonPath("$.paths['/asyncapi'].get.security").isEmpty())
                .andExpect(jsonPath("$.paths..parameters[?(@.name == 'orgId')]").isEmpty())
                .andExpect(jsonPath("$.paths..parameters[?(@.name == 'caller')]").isEmpty())
                .andExpect(jsonPath("$.paths..parameters[?(@.name == 'X-Org-Id')]").isEmpty());
    }

    // ---- mentors, seats, lifecycle, revision, catalog administration -------------------------------------------

    @Test
    void aMentorIsMatchedFromStrengthsOutsideTheReportingLineAndRedeliveryTakesNoSecondSlotOrSeat() {
        String tenant = "org-" + uuid().substring(0, 8);
        String alice = uuid();
        String bob = uuid();
        String carol = uuid();
        publishPerson(tenant, bob, personJson(bob, tenant, "Bob Manager", null, true));
        publishPerson(tenant, alice, personJson(alice, tenant, "Alice Specialist", bob, false));
        publishPerson(tenant, carol, personJson(carol, tenant, "Carol Coach", null, true));
        // Strengths come from each person's own assessment; Bob is stronger but Alice's manager.
        publishStrengths(tenant, bob, 5.0);
        publishStrengths(tenant, carol, 4.6);
        await().atMost(PATIENCE).until(() -> strengthsOf(carol) && strengthsOf(bob)
                && mongo.findById(alice, PersonView.class) != null
                && mongo.findById(alice, PersonView.class).displayName() != null);

        String assessmentId = uuid();
        String json = gapsJson(assessmentId, alice, tenant);
        Map<String, String> headers = RawEvents.ceHeaders(uuid(), GAPS_IDENTIFIED, tenant, "assessments/" + assessmentId);
        RawEvents.publish(bootstrap(), ASSESSMENT_TOPIC, alice, headers, json);
        String planId = DeterministicIds.of("plan", assessmentId);
        Plan plan = awaitPlan(planId);
        RawEvents.publish(bootstrap(), ASSESSMENT_TOPIC, alice, headers, json);
        RawEvents.publish(bootstrap(), ASSESSMENT_TOPIC, alice, headers, json);

        assertThat(plan.getSteps()).filteredOn(st -> st.format() == org.skillpath.plan.catalog.Format.MENTORING)
                .as(plan.getNotes().toString()).singleElement().satisfies(st -> {
                    assertThat(st.mentorId()).isEqualTo(carol);
                    assertThat(st.skillId()).isEqualTo("conflict-resolution");
                    assertThat(st.reason()).contains("mentoring with Carol Coach");
                });
        List<ConsumerRecord<String, byte[]>> records = exactly(PLAN_TOPIC, alice, 2);
        assertThat(records).extracting(r -> TopicReader.header(r, "ce_type")).containsExactly(PLAN_CREATED, MENTOR_ASSIGNED);
        CloudEvent assigned = CloudEventsConformance.read(records.get(1));
        String payload = new String(assigned.getData().toBytes(), StandardCharsets.UTF_8);
        ContractSchemas.assertValid(MENTOR_ASSIGNED, payload);
        assertThat(payload).contains("\"mentorId\":\"" + carol + "\"", "\"skillIds\":[\"conflict-resolution\"]");
        assertThat(TopicReader.value(records.get(0))).contains("\"mentorId\":\"" + carol + "\"");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(mongo.findById(carol, PersonView.class))
                .satisfies(c -> assertThat(c.menteePlans()).containsExactly(planId))
                .satisfies(c -> assertThat(c.menteeCount()).isEqualTo(1)));
        for (PlanStep step : plan.getSteps()) {
            if (step.format() == org.skillpath.plan.catalog.Format.WORKSHOP) {
                org.skillpath.plan.catalog.WorkshopSession session = mongo.findById(step.sessionId(),
                        org.skillpath.plan.catalog.WorkshopSession.class);
                assertThat(session.reservations()).containsOnlyOnce(planId + "|" + step.activityId());
                assertThat(session.seatsLeft()).isEqualTo(session.capacity() - session.reservations().size());
                assertThat(step.startsOn()).isEqualTo(session.startsOn());
            }
        }
    }

    @Test
    void acceptanceActivatesOnceAndAStaleProposalIsActivatedAutomatically() throws Exception {
        String personId = uuid();
        String assessmentId = uuid();
        publishGaps(personId, assessmentId, ORG, gapsJson(assessmentId, personId, ORG));
        String planId = DeterministicIds.of("plan", assessmentId);
        awaitPlan(planId);

        String owner = TestTokens.employee(ORG, personId);
        // Who accepts is the token's caller: a body claiming to be the manager is not read.
        mvc.perform(post("/api/plans/{planId}/accept", planId).with(bearer(owner))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"actor\":\"MANAGER\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.activatedBy").value("PERSON"));
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/api/plans/{planId}/accept", planId).with(bearer(owner)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("ACTIVE"))
                    .andExpect(jsonPath("$.activatedBy").value("PERSON"));
        }
        mvc.perform(post("/api/plans/{planId}/accept", planId).with(bearer(TestTokens.employee("globex", personId))))
                .andExpect(status().isNotFound());
        List<ConsumerRecord<String, byte[]>> records = exactly(PLAN_TOPIC, personId, 2);
        assertThat(records).extracting(r -> TopicReader.header(r, "ce_type")).containsExactly(PLAN_CREATED, PLAN_ACTIVATED);
        ContractSchemas.assertValid(PLAN_ACTIVATED, TopicReader.value(records.get(1)));
        assertThat(TopicReader.value(records.get(1))).contains("\"activatedBy\":\"PERSON\"");

        String stale = uuid();
        String other = uuid();
        publishGaps(other, stale, ORG, gapsJson(stale, other, ORG));
        String stalePlan = DeterministicIds.of("plan", stale);
        awaitPlan(stalePlan);
        lifecycle.activateDue();
        assertThat(mongo.findById(stalePlan, Plan.class).getStatus()).as("not yet due").isEqualTo(PlanStatus.PROPOSED);
        clock.advance(Duration.ofDays(8));
        assertThat(lifecycle.activateDue()).isPositive();
        assertThat(lifecycle.activateDue()).as("each plan once").isZero();
        Plan activated = mongo.findById(stalePlan, Plan.class);
        assertThat(activated.getStatus()).isEqualTo(PlanStatus.ACTIVE);
        assertThat(activated.getActivatedBy()).isEqualTo("AUTOMATIC");
        assertThat(exactly(PLAN_TOPIC, other, 2)).extracting(r -> TopicReader.header(r, "ce_type"))
                .containsExactly(PLAN_CREATED, PLAN_ACTIVATED);
    }

    @Test
    void aReassessmentRevisesTheActivePlanOnceKeepingCompletedStepsAndNeverReplanningCompletedActivities()
            throws Exception {
        String personId = uuid();
        String first = uuid();
        publishGaps(personId, first, ORG, gapsJson(first, personId, ORG));
        String planId = DeterministicIds.of("plan", first);
        Plan plan = awaitPlan(planId);
        lifecycle.accept(ORG, planId, org.skillpath.plan.plans.Actor.MANAGER);

        PlanStep done = plan.getSteps().stream().filter(st -> st.skillId().equals("conflict-resolution")).findFirst()
                .orElseThrow();
        String completed = """
                {"planId":"%s","stepId":"%s","personId":"%s","orgId":"%s","activityId":"%s","skillId":"conflict-resolution",
                 "title":"t","completedAt":"2026-12-01T10:00:00Z","source":"PERSON","reflection":null,
                 "planProgressPercent":20,"completedSteps":1,"totalSteps":5}"""
                .formatted(planId, done.stepId(), personId, ORG, done.activityId());
        ContractSchemas.assertValid("org.skillpath.step.completed", completed);
        Map<String, String> completedHeaders = RawEvents.ceHeaders(uuid(), "org.skillpath.step.completed", ORG,
                "plans/" + planId);
        RawEvents.publish(bootstrap(), PROGRESS_TOPIC, personId, completedHeaders, completed);
        RawEvents.publish(bootstrap(), PROGRESS_TOPIC, personId, completedHeaders, completed);
        await().atMost(PATIENCE).until(() -> mongo.findById(planId, Plan.class).getCompletedStepIds()
                .contains(done.stepId()));
        assertThat(mongo.findById(personId, PersonView.class).completedActivityIds()).containsExactly(done.activityId());

        // Conflict resolution is closed now; budgeting remains; clear expression is new.
        String second = uuid();
        String reassessed = """
                {"assessmentId":"%s","personId":"%s","orgId":"%s","roleProfileId":"team-lead","roleName":"Team lead",
                 "identifiedAt":"2027-02-22T09:30:00Z","previousAssessmentId":"%s",
                 "gaps":[
                  {"skillId":"budgeting","skillName":"Budgeting","currentLevel":2.5,"targetLevel":3.5,
                   "gap":1.0,"weight":0.8,"confidence":0.8,"priority":1.6,"explanation":"Rated 2.5."},
                  {"skillId":"clear-expression","skillName":"Clear expression","currentLevel":2.0,"targetLevel":4,
                   "gap":2.0,"weight":1.0,"confidence":0.8,"priority":1.5,"explanation":"Rated 2.0."}],
                 "strengths":[]}""".formatted(second, personId, ORG, first);
        Map<String, String> headers = RawEvents.ceHeaders(uuid(), GAPS_IDENTIFIED, ORG, "assessments/" + second);
        ContractSchemas.assertValid(GAPS_IDENTIFIED, reassessed);
        RawEvents.publish(bootstrap(), ASSESSMENT_TOPIC, personId, headers, reassessed);
        RawEvents.publish(bootstrap(), ASSESSMENT_TOPIC, personId, headers, reassessed);

        Plan revised = await().atMost(PATIENCE).until(() -> mongo.findById(planId, Plan.class), p -> p.getRevision() == 1);
        assertThat(mongo.findById(DeterministicIds.of("plan", second), Plan.class)).as("no second plan").isNull();
        assertThat(revised.getSteps()).extracting(PlanStep::stepId).contains(done.stepId());
        assertThat(revised.getSteps()).filteredOn(st -> !st.stepId().equals(done.stepId()))
                .extracting(PlanStep::skillId).doesNotContain("conflict-resolution").contains("clear-expression");
        assertThat(revised.getSteps()).extracting(PlanStep::activityId).doesNotHaveDuplicates();

        List<ConsumerRecord<String, byte[]>> records = exactly(PLAN_TOPIC, personId, 3);
        assertThat(records).extracting(r -> TopicReader.header(r, "ce_type"))
                .containsExactly(PLAN_CREATED, PLAN_ACTIVATED, PLAN_REVISED);
        String payload = TopicReader.value(records.get(2));
        ContractSchemas.assertValid(PLAN_REVISED, payload);
        tools.jackson.databind.JsonNode diff = tools.jackson.databind.json.JsonMapper.builder().build().readTree(payload);
        List<String> removed = new java.util.ArrayList<>();
        diff.get("removed").forEach(n -> removed.add(n.asString()));
        assertThat(removed).as("the open steps of closed gaps (conflict resolution, active listening)")
                .containsExactlyInAnyOrderElementsOf(plan.getSteps().stream()
                .filter(st -> !st.skillId().equals("budgeting") && !st.stepId().equals(done.stepId()))
                .map(PlanStep::stepId).toList());
        assertThat(revised.getSteps()).filteredOn(st -> st.skillId().equals("budgeting"))
                .as("budgeting's open steps stay").containsAll(plan.getSteps().stream()
                        .filter(st -> st.skillId().equals("budgeting")).toList());
        assertThat(diff.get("revision").asInt()).isEqualTo(1);
        assertThat(diff.get("added").size()).isPositive();
        assertThat(diff.get("steps").size()).isEqualTo(revised.getSteps().size());
    }

    @Test
    void aStepIsSwappedOnlyForAnOfferedAlternativeAndTheSwapIsARevision() throws Exception {
        String personId = uuid();
        String assessmentId = uuid();
        publishGaps(personId, assessmentId, ORG, gapsJson(assessmentId, personId, ORG));
        String planId = DeterministicIds.of("plan", assessmentId);
        Plan plan = awaitPlan(planId);
        Swappable swappable = swappable(plan);
        PlanStep step = swappable.step();
        String alternative = swappable.alternative();

        String owner = TestTokens.employee(ORG, personId);
        mvc.perform(post("/api/plans/{planId}/steps/{stepId}/swap", planId, step.stepId()).with(bearer(owner))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"activityId\":\"own-a-budget-line-twice\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("activityId"));
        mvc.perform(post("/api/plans/{planId}/steps/{stepId}/swap", planId, step.stepId()).with(bearer(owner))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"activityId\":\"" + alternative + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("APPLIED"))
                .andExpect(jsonPath("$.plan.revision").value(1));

        Plan swapped = mongo.findById(planId, Plan.class);
        assertThat(swapped.getSteps()).extracting(PlanStep::activityId).contains(alternative)
                .doesNotContain(step.activityId());
        List<ConsumerRecord<String, byte[]>> records = exactly(PLAN_TOPIC, personId, 2);
        assertThat(records).extracting(r -> TopicReader.header(r, "ce_type")).containsExactly(PLAN_CREATED, PLAN_REVISED);
        ContractSchemas.assertValid(PLAN_REVISED, TopicReader.value(records.get(1)));
        assertThat(TopicReader.value(records.get(1))).contains("\"removed\":[\"" + step.stepId() + "\"]");
    }

    @Test
    void anOrganisationSyncsItsCatalogWithValidationAndConfusableChecks() throws Exception {
        String tenant = "org-" + uuid().substring(0, 8);
        String admin = TestTokens.admin(tenant, uuid());
        String platform = TestTokens.client(tenant, "lnd-platform", "catalog:write");
        String employee = TestTokens.employee(tenant, uuid());
        // A Greek omicron inside Latin words is normalised; Cyrillic mixed into a word is refused naming the field.
        mvc.perform(put("/api/catalog/activities/{id}", "lead-a-retro").with(bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"title":"Lead a retr\u03bfspective","description":"Run your team's next retrospective.",
                                 "format":"PRACTICE","skillIds":["project-management"],"effortHours":4,"durationWeeks":2,
                                 "prerequisites":["project-management-course"]}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(tenant + ":lead-a-retro"))
                .andExpect(jsonPath("$.title").value("Lead a retrospective"))
                .andExpect(jsonPath("$.bucket").value("EXPERIENCE"))
                .andExpect(jsonPath("$.xapiActivityId").value("https://skillpath.dev/activities/" + tenant + "/lead-a-retro"));
        mvc.perform(post("/api/catalog/import").with(bearer(platform)).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                [{"id":"ok-course","title":"Fine","description":"Fine.","format":"COURSE",
                                  "skillIds":["budgeting"],"effortHours":2,"durationWeeks":1},
                                 {"id":"Bad Id","title":"Lead\u0434ership","description":"x","format":"LECTURE",
                                  "skillIds":[],"effortHours":0,"durationWeeks":1,"prerequisites":["nowhere"]}]"""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "activities[1].id", "activities[1].title", "activities[1].format", "activities[1].skillIds",
                        "activities[1].effortHours", "activities[1].prerequisites")));
        assertThat(mongo.findById(tenant + ":ok-course", org.skillpath.plan.catalog.Activity.class))
                .as("all or nothing").isNull();
        mvc.perform(post("/api/catalog/import").with(bearer(admin)).contentType("text/csv").content("""
                        id,title,description,format,skillIds,minLevel,maxLevel,effortHours,durationWeeks,prerequisites
                        budget-clinic,Budget clinic,"Bring a real budget, leave with a plan.",WORKSHOP,budgeting,1,4,3,1,
                        budget-review,Review a budget,Review last quarter's budget with finance.,PRACTICE,budgeting;process-management,2,5,6,4,budget-clinic
                        """))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.imported").value(2))
                .andExpect(jsonPath("$.ids[1]").value(tenant + ":budget-review"));
        assertThat(mongo.findById(tenant + ":budget-review", org.skillpath.plan.catalog.Activity.class).prerequisites())
                .containsExactly(tenant + ":budget-clinic");
        mvc.perform(get("/api/catalog").param("skillId", "budgeting").param("size", "100").with(bearer(employee)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].id").value(org.hamcrest.Matchers.hasItems(tenant + ":budget-clinic",
                        "budgeting-course")));
        mvc.perform(get("/api/catalog").with(bearer(TestTokens.employee(ORG, uuid()))).param("size", "100"))
                .andExpect(jsonPath("$.items[*].id").value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(
                        tenant + ":budget-clinic"))));

        String session = """
                {"startsOn":"2026-12-07","capacity":1,"location":"Room 4"}""";
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/api/catalog/activities/{id}/sessions", tenant + ":budget-clinic").with(bearer(admin))
                            .header("Idempotency-Key", "sess-1").contentType(MediaType.APPLICATION_JSON).content(session))
                    .andExpect(status().isCreated());
        }
        mvc.perform(get("/api/catalog/activities/{id}/sessions", tenant + ":budget-clinic").with(bearer(employee)))
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.items[0].seatsLeft").value(1));
        mvc.perform(post("/api/catalog/activities/{id}/sessions", tenant + ":budget-review").with(bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON).content(session))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(post("/api/catalog/activities/{id}/sessions", tenant + ":budget-clinic").with(bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"capacity\":0}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void progressEventsOfUnknownTypesAndMalformedDataAreDeadLettered() {
        String personId = uuid();
        RawEvents.publish(bootstrap(), PROGRESS_TOPIC, personId,
                RawEvents.ceHeaders(uuid(), "org.skillpath.plan.created", ORG, "plans/x"), "{}");
        RawEvents.publish(bootstrap(), PROGRESS_TOPIC, personId,
                RawEvents.ceHeaders(uuid(), "org.skillpath.step.completed", ORG, "plans/x"), "{\"planId\":");
        assertThat(exactly(PROGRESS_DLT, personId, 2)).extracting(r -> TopicReader.header(r, "x-exception-message"))
                .satisfiesExactly(m -> assertThat(m).contains("does not carry org.skillpath.plan.created"),
                        m -> assertThat(m).contains("does not fit StepCompleted"));
    }

    // ---- archiving, swap approval, completion ------------------------------------------------------------------

    @Test
    void archivingClosesThePlanOnceGivesBackItsMentorAndSeatsAndAReassessmentStartsANewPlan() throws Exception {
        String tenant = "org-" + uuid().substring(0, 8);
        MentoredPlan mentored = mentoredPlan(tenant);
        Plan plan = mentored.plan();
        String planId = plan.getId();
        String alice = mentored.personId();
        List<PlanStep> seated = plan.getSteps().stream().filter(st -> st.sessionId() != null).toList();
        assertThat(seated).as("the plan holds a workshop seat").isNotEmpty();
        lifecycle.accept(tenant, planId, Actor.MANAGER);

        String manager = TestTokens.manager(tenant, mentored.managerId());
        String reason = "Moved to the platform team; this role profile no longer applies.";
        String body = "{\"reason\":\"" + reason + "\"}";
        archive(manager, planId, "{}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        archive(manager, planId, "{\"reason\":\"" + "x".repeat(501) + "\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        // Who archives is the token's caller, never a field of the body.
        archive(manager, planId, "{\"actor\":\"MANAGER\",\"reason\":\"Moved on.\"}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("actor"));
        archive(manager, planId, "{\"reason\":\"Lead\u0434ership changed.\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        archive(TestTokens.manager("globex", mentored.managerId()), planId, body)
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        archive(manager, uuid(), body)
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(mongo.findById(planId, Plan.class).getStatus()).as("refusals change nothing")
                .isEqualTo(PlanStatus.ACTIVE);

        for (int i = 0; i < 2; i++) {
            archive(manager, planId, body)
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("ARCHIVED"))
                    .andExpect(jsonPath("$.archivedBy").value("MANAGER"))
                    .andExpect(jsonPath("$.archiveReason").value(reason))
                    .andExpect(jsonPath("$.revision").value(1));
        }
        assertThat(mongo.findById(mentored.mentorId(), PersonView.class)).satisfies(c -> {
            assertThat(c.menteePlans()).doesNotContain(planId);
            assertThat(c.menteeCount()).isZero();
        });
        for (PlanStep step : seated) {
            assertThat(mongo.findById(step.sessionId(), org.skillpath.plan.catalog.WorkshopSession.class).reservations())
                    .doesNotContain(planId + "|" + step.activityId());
        }

        String owner = TestTokens.employee(tenant, alice);
        mvc.perform(post("/api/plans/{planId}/accept", planId).with(bearer(owner)))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/plans/{planId}/steps/{stepId}/swap", planId, plan.getSteps().get(0).stepId())
                        .with(bearer(manager)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"activityId\":\"budgeting-course\"}"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/plans/{planId}/steps/{stepId}/alternatives", planId, plan.getSteps().get(0).stepId())
                        .with(bearer(owner)))
                .andExpect(status().isConflict());

        List<ConsumerRecord<String, byte[]>> records = exactly(PLAN_TOPIC, alice, 4);
        assertThat(records).extracting(r -> TopicReader.header(r, "ce_type"))
                .containsExactly(PLAN_CREATED, MENTOR_ASSIGNED, PLAN_ACTIVATED, PLAN_REVISED);
        CloudEvent archived = CloudEventsConformance.read(records.get(3));
        assertThat(archived.getId()).isEqualTo(DeterministicIds.of("plan.archived", planId));
        String payload = new String(archived.getData().toBytes(), StandardCharsets.UTF_8);
        ContractSchemas.assertValid(PLAN_REVISED, payload);
        tools.jackson.databind.JsonNode revised = tools.jackson.databind.json.JsonMapper.builder().build().readTree(payload);
        assertThat(revised.get("status").asString()).isEqualTo("ARCHIVED");
        assertThat(revised.get("reason").asString()).isEqualTo(reason);
        assertThat(revised.get("revision").asInt()).isEqualTo(1);
        assertThat(revised.get("added").isEmpty()).isTrue();
        assertThat(revised.get("removed").isEmpty()).isTrue();
        assertThat(revised.get("steps").size()).isEqualTo(plan.getSteps().size());

        // The reassessment finds no active plan to revise: it proposes a new one, which can be archived too.
        String second = uuid();
        publishGaps(alice, second, tenant, gapsJson(second, alice, tenant)
                .replace("\"previousAssessmentId\":null", "\"previousAssessmentId\":\"" + mentored.assessmentId() + "\""));
        Plan next = awaitPlan(DeterministicIds.of("plan", second));
        assertThat(next.getStatus()).isEqualTo(PlanStatus.PROPOSED);
        assertThat(mongo.findById(planId, Plan.class)).satisfies(p -> {
            assertThat(p.getStatus()).isEqualTo(PlanStatus.ARCHIVED);
            assertThat(p.getRevision()).isEqualTo(1);
            assertThat(p.getRevisedFor()).isEmpty();
        });
        archive(owner, next.getId(), "{\"reason\":\"Not now.\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ARCHIVED"))
                .andExpect(jsonPath("$.archivedBy").value("PERSON"));
    }

    @Test
    void withApprovalSwitchedOnAPersonsSwapWaitsUntilTheManagerApprovesItAndIsAppliedOnce() throws Exception {
        String personId = uuid();
        String managerId = uuid();
        publishPerson(personId, personJson(personId, ORG, "Sam Swapper", managerId, false));
        String assessmentId = uuid();
        publishGaps(personId, assessmentId, ORG, gapsJson(assessmentId, personId, ORG));
        String planId = DeterministicIds.of("plan", assessmentId);
        Plan plan = awaitPlan(planId);
        await().atMost(PATIENCE).until(() -> mongo.findById(personId, PersonView.class) != null
                && managerId.equals(mongo.findById(personId, PersonView.class).managerId()));
        lifecycle.accept(ORG, planId, Actor.PERSON);
        Swappable swappable = swappable(plan);
        String swapBody = "{\"activityId\":\"" + swappable.alternative() + "\"}";
        String owner = TestTokens.employee(ORG, personId);
        String manager = TestTokens.manager(ORG, managerId);

        SwapApprovalSwitch.set(lifecycle, true);
        try {
            String swapId = null;
            for (int i = 0; i < 2; i++) {
                String response = mvc.perform(post("/api/plans/{planId}/steps/{stepId}/swap", planId,
                                swappable.step().stepId()).with(bearer(owner))
                                .contentType(MediaType.APPLICATION_JSON).content(swapBody))
                        .andExpect(status().isAccepted())
                        .andExpect(jsonPath("$.status").value("PENDING_APPROVAL"))
                        .andExpect(jsonPath("$.plan.revision").value(0))
                        .andExpect(jsonPath("$.plan.pendingSwaps.length()").value(1))
                        .andReturn().getResponse().getContentAsString();
                swapId = tools.jackson.databind.json.JsonMapper.builder().build().readTree(response)
                        .get("pending").get("swapId").asString();
            }
            assertThat(mongo.findById(planId, Plan.class).getSteps()).as("pending, not applied")
                    .isEqualTo(plan.getSteps());

            approve(owner, planId, swapId)
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.detail").value("only the owner's manager approves a swap"));
            approve(manager, planId, uuid())
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
            approve(TestTokens.manager("globex", managerId), planId, swapId).andExpect(status().isNotFound());
            assertThat(mongo.findById(planId, Plan.class).getRevision()).as("refusals change nothing").isZero();

            for (int i = 0; i < 2; i++) {
                approve(manager, planId, swapId)
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.revision").value(1))
                        .andExpect(jsonPath("$.pendingSwaps.length()").value(0));
            }
            Plan approved = mongo.findById(planId, Plan.class);
            assertThat(approved.getSteps()).extracting(PlanStep::activityId).contains(swappable.alternative())
                    .doesNotContain(swappable.step().activityId());
            assertThat(approved.getApprovedSwapIds()).containsExactly(swapId);
        } finally {
            SwapApprovalSwitch.set(lifecycle, false);
        }

        List<ConsumerRecord<String, byte[]>> records = exactly(PLAN_TOPIC, personId, 3);
        assertThat(records).extracting(r -> TopicReader.header(r, "ce_type"))
                .containsExactly(PLAN_CREATED, PLAN_ACTIVATED, PLAN_REVISED);
        String payload = TopicReader.value(records.get(2));
        ContractSchemas.assertValid(PLAN_REVISED, payload);
        assertThat(payload).contains("\"removed\":[\"" + swappable.step().stepId() + "\"]", "approved by the manager",
                "\"status\":\"ACTIVE\"");
    }

    @Test
    void planCompletedCompletesTheActivePlanOnceAndFreesItsMentorThenTheCompletedPlanCanBeArchived()
            throws Exception {
        String tenant = "org-" + uuid().substring(0, 8);
        MentoredPlan mentored = mentoredPlan(tenant);
        Plan plan = mentored.plan();
        String planId = plan.getId();
        String alice = mentored.personId();
        lifecycle.accept(tenant, planId, Actor.PERSON);
        assertThat(mongo.findById(mentored.mentorId(), PersonView.class).menteePlans()).containsExactly(planId);

        String completed = """
                {"planId":"%s","personId":"%s","orgId":"%s","assessmentId":"%s","completedAt":"2027-02-12T16:00:00Z",
                 "reassessmentDueOn":"2027-05-13"}""".formatted(planId, alice, tenant, mentored.assessmentId());
        ContractSchemas.assertValid(PLAN_COMPLETED, completed);
        Map<String, String> headers = RawEvents.ceHeaders(uuid(), PLAN_COMPLETED, tenant, "plans/" + planId);
        RawEvents.publish(bootstrap(), PROGRESS_TOPIC, alice, headers, completed);
        RawEvents.publish(bootstrap(), PROGRESS_TOPIC, alice, headers, completed);
        // A later record on the same partition: once it is applied, both deliveries before it were processed.
        PlanStep marker = plan.getSteps().get(0);
        String stepCompleted = """
                {"planId":"%s","stepId":"%s","personId":"%s","orgId":"%s","activityId":"%s","skillId":"%s",
                 "title":"t","completedAt":"2027-02-12T17:00:00Z","source":"PERSON","reflection":null,
                 "planProgressPercent":100,"completedSteps":1,"totalSteps":1}"""
                .formatted(planId, marker.stepId(), alice, tenant, marker.activityId(), marker.skillId());
        ContractSchemas.assertValid("org.skillpath.step.completed", stepCompleted);
        RawEvents.publish(bootstrap(), PROGRESS_TOPIC, alice,
                RawEvents.ceHeaders(uuid(), "org.skillpath.step.completed", tenant, "plans/" + planId), stepCompleted);
        await().atMost(PATIENCE).until(() -> mongo.findById(planId, Plan.class).getCompletedStepIds()
                .contains(marker.stepId()));

        assertThat(mongo.findById(planId, Plan.class)).satisfies(p -> {
            assertThat(p.getStatus()).isEqualTo(PlanStatus.COMPLETED);
            assertThat(p.getCompletedAt()).isEqualTo(Instant.parse("2027-02-12T16:00:00Z"));
            assertThat(p.getRevision()).isZero();
        });
        assertThat(mongo.findById(mentored.mentorId(), PersonView.class)).satisfies(c -> {
            assertThat(c.menteePlans()).doesNotContain(planId);
            assertThat(c.menteeCount()).as("freed once, however often the event arrives").isZero();
        });
        mvc.perform(post("/api/plans/{planId}/accept", planId).with(bearer(TestTokens.employee(tenant, alice))))
                .andExpect(status().isConflict());

        archive(TestTokens.manager(tenant, mentored.managerId()), planId, "{\"reason\":\"Done; keeping the record.\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ARCHIVED"))
                .andExpect(jsonPath("$.completedAt").value("2027-02-12T16:00:00Z"));
        // Completion itself emits nothing on the plan topic; the archiving is the one revision.
        List<ConsumerRecord<String, byte[]>> records = exactly(PLAN_TOPIC, alice, 4);
        assertThat(records).extracting(r -> TopicReader.header(r, "ce_type"))
                .containsExactly(PLAN_CREATED, MENTOR_ASSIGNED, PLAN_ACTIVATED, PLAN_REVISED);
        ContractSchemas.assertValid(PLAN_REVISED, TopicReader.value(records.get(3)));
        assertThat(TopicReader.value(records.get(3))).contains("\"status\":\"ARCHIVED\"");
    }

    @Test
    void aCatalogChangeThroughTheApiIsPlannedWithByTheVeryNextPlan() throws Exception {
        String tenant = "org-" + uuid().substring(0, 8);
        String skill = "cache-check-" + uuid().substring(0, 8);
        // Planned before the change, so the tenant's catalog (nothing of its own yet) is held in memory.
        Plan before = awaitPlan(planFor(tenant, skill));
        assertThat(before.getSteps()).extracting(PlanStep::skillId).contains("conflict-resolution").doesNotContain(skill);
        assertThat(before.getNotes()).anyMatch(n -> n.contains("no activity for cache check"));

        mvc.perform(put("/api/catalog/activities/{id}", "practise-the-check").with(bearer(TestTokens.admin(tenant, uuid())))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"title":"Practise the check","description":"Run the check with your team.",
                                 "format":"PRACTICE","skillIds":["%s"],"effortHours":4,"durationWeeks":2}"""
                                .formatted(skill)))
                .andExpect(status().isOk());
        Plan after = awaitPlan(planFor(tenant, skill));
        assertThat(after.getSteps()).extracting(PlanStep::activityId).contains(tenant + ":practise-the-check");

        mvc.perform(delete("/api/catalog/activities/{id}", "practise-the-check")
                        .with(bearer(TestTokens.admin(tenant, uuid()))))
                .andExpect(status().isNoContent());
        Plan removed = awaitPlan(planFor(tenant, skill));
        assertThat(removed.getSteps()).extracting(PlanStep::skillId).doesNotContain(skill);
    }

    /** A new person's gaps in {@code skill} (first in focus) and conflict resolution; returns the plan id. */
    private String planFor(String tenant, String skill) {
        String personId = uuid();
        String assessmentId = uuid();
        publishGaps(personId, assessmentId, tenant, """
                {"assessmentId":"%s","personId":"%s","orgId":"%s","roleProfileId":"team-lead","roleName":"Team lead",
                 "identifiedAt":"2026-11-18T09:30:00Z","previousAssessmentId":null,
                 "gaps":[
                  {"skillId":"%s","skillName":"Cache check","currentLevel":1.0,"targetLevel":3,
                   "gap":2.0,"weight":1.0,"confidence":0.9,"priority":3.0,"explanation":"Rated 1.0; the role needs 3."},
                  {"skillId":"conflict-resolution","skillName":"Conflict resolution","currentLevel":2.0,"targetLevel":4,
                   "gap":2.0,"weight":1.0,"confidence":0.9,"priority":2.0,"explanation":"Rated 2.0; the role needs 4."}],
                 "strengths":[]}""".formatted(assessmentId, personId, tenant, skill));
        return DeterministicIds.of("plan", assessmentId);
    }
}
