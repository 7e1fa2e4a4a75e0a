package org.skillpath.progress.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.skillpath.kit.test.TestTokens.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.skillpath.kit.test.ContractSchemas;
import org.skillpath.kit.test.RawEvents;
import org.skillpath.kit.test.TestTokens;
import org.skillpath.kit.test.TopicReader;
import org.skillpath.progress.IntegrationContract;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The hop plan-service → progress-service on the real broker and store: a plan.created CloudEvent becomes
 * exactly one progress record, redeliveries change nothing, and records that can never be processed go to
 * the dead-letter topic without stopping the consumer.
 */
public abstract class PlanHopContract extends IntegrationContract {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    public void aPlanCreatedEventOpensOneProgressRecordReadableOverTheApi() throws Exception {
        String personId = newId();
        String orgId = newOrgId();
        String assessmentId = newId();
        String planId = PlanCreatedEvents.planIdFor(assessmentId);
        String json = PlanCreatedEvents.json(planId, personId, orgId, assessmentId, today());
        ContractSchemas.assertValid(PlanCreatedEvents.TYPE, json);

        RawEvents.publish(bootstrap(), PlanCreatedEvents.TOPIC, personId,
                RawEvents.ceHeaders(newId(), PlanCreatedEvents.TYPE, orgId, "plans/" + planId), json);

        PlanProgress stored = await().atMost(WAIT).until(() -> mongo.findById(planId, PlanProgress.class), Objects::nonNull);
        assertThat(plansOf(personId)).isEqualTo(1);
        assertThat(stored.getOrgId()).isEqualTo(orgId);
        assertThat(stored.getPersonId()).isEqualTo(personId);
        assertThat(stored.getAssessmentId()).isEqualTo(assessmentId);
        assertThat(stored.getSteps()).extracting(PlanStep::stepId).containsExactly("s1", "s2", "s3");
        assertThat(stored.getSteps()).allSatisfy(step -> {
            assertThat(step.status()).isEqualTo(StepStatus.NOT_STARTED);
            assertThat(step.completedAt()).isNull();
        });
        PlanStep workshop = stored.getSteps().get(0);
        assertThat(workshop.format()).isEqualTo("WORKSHOP");
        assertThat(workshop.bucket()).isEqualTo("FORMAL");
        assertThat(workshop.effortHours()).isEqualTo(6.0);
        assertThat(workshop.xapiActivityId()).isEqualTo("https://lms.example.com/activities/conflict-101");
        assertThat(workshop.dueOn()).isEqualTo(today().minusDays(1));
        assertThat(stored.pendingEvents()).as("creating the record emits nothing").isEmpty();

        // The plan's owner reads it, once the people directory knows them.
        inDirectory(orgId, personId, null);
        String owner = TestTokens.employee(orgId, personId);
        mvc.perform(get("/api/progress/plans/{planId}", planId).with(bearer(owner)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.planId").value(planId))
                .andExpect(jsonPath("$.personId").value(personId))
                .andExpect(jsonPath("$.orgId").value(orgId))
                .andExpect(jsonPath("$.steps[*].stepId", contains("s1", "s2", "s3")))
                .andExpect(jsonPath("$.steps[0].status").value("NOT_STARTED"))
                .andExpect(jsonPath("$.steps[0].dueOn").value(today().minusDays(1).toString()))
                .andExpect(jsonPath("$.progress.percentComplete").value(0))
                .andExpect(jsonPath("$.progress.totalEffortHours").value(12.0))
                .andExpect(jsonPath("$.progress.stepsByStatus.NOT_STARTED").value(3))
                .andExpect(jsonPath("$.progress.stepsByStatus.COMPLETED").value(0))
                .andExpect(jsonPath("$.progress.overdueStepIds", contains("s1")));

        mvc.perform(get("/api/progress").param("personId", personId).with(bearer(owner)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.items[0].planId").value(planId));
    }

    @Test
    public void aRedeliveredPlanCreatedChangesNothing() {
        String personId = newId();
        String orgId = newOrgId();
        String assessmentId = newId();
        String planId = PlanCreatedEvents.planIdFor(assessmentId);
        Map<String, String> headers = RawEvents.ceHeaders(newId(), PlanCreatedEvents.TYPE, orgId, "plans/" + planId);
        String json = PlanCreatedEvents.json(planId, personId, orgId, assessmentId, today());

        RawEvents.publish(bootstrap(), PlanCreatedEvents.TOPIC, personId, headers, json);
        Document first = await().atMost(WAIT).until(() -> raw(planId), Objects::nonNull);

        // The same record again (same ce_id, same data), then a later plan of the same person: same key, same
        // partition, so once the later plan is stored the redelivery has been consumed.
        RawEvents.publish(bootstrap(), PlanCreatedEvents.TOPIC, personId, headers, json);
        String laterAssessment = newId();
        String laterPlan = PlanCreatedEvents.planIdFor(laterAssessment);
        RawEvents.publish(bootstrap(), PlanCreatedEvents.TOPIC, personId,
                RawEvents.ceHeaders(newId(), PlanCreatedEvents.TYPE, orgId, "plans/" + laterPlan),
                PlanCreatedEvents.json(laterPlan, personId, orgId, laterAssessment, today()));
        await().atMost(WAIT).until(() -> raw(laterPlan), Objects::nonNull);

        assertThat(plansOf(personId)).as("the plan and the later plan, nothing more").isEqualTo(2);
        assertThat(raw(planId)).as("the redelivery left the document exactly as it was").isEqualTo(first);
    }

    @Test
    public void recordsThatCanNeverBeProcessedGoToTheDeadLetterTopicAndTheConsumerGoesOn() {
        String personId = newId();
        String orgId = newOrgId();
        String bootstrap = bootstrap();

        RawEvents.publish(bootstrap, PlanCreatedEvents.TOPIC, personId,
                RawEvents.ceHeaders(newId(), PlanCreatedEvents.TYPE, orgId, "plans/x"), "{\"planId\": \"x\", oops");
        RawEvents.publish(bootstrap, PlanCreatedEvents.TOPIC, personId, Map.of(),
                PlanCreatedEvents.json(newId(), personId, orgId, newId(), today()));
        RawEvents.publish(bootstrap, PlanCreatedEvents.TOPIC, personId,
                RawEvents.ceHeaders(newId(), "org.skillpath.plan.exploded", orgId, "plans/y"), "{}");
        String foreignPlan = newId();
        RawEvents.publish(bootstrap, PlanCreatedEvents.TOPIC, personId,
                RawEvents.ceHeaders(newId(), PlanCreatedEvents.TYPE, orgId, "plans/" + foreignPlan),
                PlanCreatedEvents.json(foreignPlan, personId, newOrgId(), newId(), today()));
        String assessmentId = newId();
        String goodPlan = PlanCreatedEvents.planIdFor(assessmentId);
        RawEvents.publish(bootstrap, PlanCreatedEvents.TOPIC, personId,
                RawEvents.ceHeaders(newId(), PlanCreatedEvents.TYPE, orgId, "plans/" + goodPlan),
                PlanCreatedEvents.json(goodPlan, personId, orgId, assessmentId, today()));

        List<ConsumerRecord<String, byte[]>> dead = TopicReader.read(bootstrap, PlanCreatedEvents.DLT, WAIT,
                        recs -> recs.stream().filter(r -> personId.equals(r.key())).count() >= 4)
                .stream().filter(r -> personId.equals(r.key())).toList();
        assertThat(dead).hasSize(4);
        assertThat(dead).extracting(r -> TopicReader.header(r, "x-exception-message"))
                .as("every dead letter says why")
                .allSatisfy(reason -> assertThat(reason).isNotBlank())
                .anySatisfy(reason -> assertThat(reason).contains("does not fit PlanCreated"))
                .anySatisfy(reason -> assertThat(reason).contains("not a CloudEvents 1.0 record"))
                .anySatisfy(reason -> assertThat(reason).contains("is not defined for skillpath.plan.v1"))
                .anySatisfy(reason -> assertThat(reason).contains("differs from its data's orgId"));

        await().atMost(WAIT).until(() -> mongo.findById(goodPlan, PlanProgress.class), Objects::nonNull);
        assertThat(mongo.findById(foreignPlan, PlanProgress.class)).as("another tenant's data is never stored").isNull();
        assertThat(plansOf(personId)).isEqualTo(1);
    }

    private long plansOf(String personId) {
        return mongo.count(Query.query(Criteria.where("personId").is(personId)), PlanProgress.class);
    }

    private Document raw(String planId) {
        return mongo.getCollection("plan_progress").find(new Document("_id", planId)).first();
    }
}
