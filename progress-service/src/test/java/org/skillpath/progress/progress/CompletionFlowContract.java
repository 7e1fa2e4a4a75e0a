package org.skillpath.progress.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.skillpath.kit.test.TestTokens.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.skillpath.kit.test.TestTokens;
import org.skillpath.kit.test.TopicReader;
import org.skillpath.progress.Events;
import org.skillpath.progress.IntegrationContract;
import org.skillpath.progress.ProgressTopic;
import org.skillpath.progress.schedule.JobLease;
import org.skillpath.progress.xapi.XapiStatements;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * The whole life of a plan on the real broker and store: plan.created over Kafka, the manager's confirmation and
 * an L&D platform's xAPI completion over HTTP, step.completed and plan.completed on the topic, then - two weeks
 * later by the clock - reassessment.due; and the overdue / due-soon scan. Every emitted event exactly once.
 */
public abstract class CompletionFlowContract extends IntegrationContract {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration NO_MORE = Duration.ofSeconds(3);
    private static final String COURSE = "https://lms.example.com/activities/budgeting-basics";

    @Autowired
    private ReassessmentScan reassessments;
    @Autowired
    private DueDateScan dueDates;

    @Test
    public void fromPlanCreatedThroughAnXapiCompletionToPlanCompletedAndReassessmentDue() throws Exception {
        String orgId = newOrgId();
        String alice = newId();
        String bob = newId();
        String aliceUser = "alice-" + alice.substring(0, 8);
        Events.person(bootstrap(), orgId, bob, "bob-" + bob.substring(0, 8), "Bob Manager", null);
        Events.person(bootstrap(), orgId, alice, aliceUser, "Alice Specialist", bob);
        String planId = newId();
        LocalDate today = today();
        Events.planCreated(bootstrap(), orgId, alice, planId, "ACTIVE", null, clock.instant(), today, List.of(
                new Events.Step("course", "COURSE", "budgeting", 4, today.plusWeeks(3), COURSE),
                new Events.Step("budget-line", "PRACTICE", "budgeting", 12, today.plusWeeks(10), null)));
        await().atMost(WAIT).until(() -> Plans.load(mongo, planId), Objects::nonNull);
        await().atMost(WAIT).until(() -> mongo.findById(bob, org.skillpath.progress.people.PersonView.class), Objects::nonNull);

        // Bob confirms the on-the-job practice step; the LMS reports the course completed.
        mvc.perform(post("/api/progress/plans/{planId}/steps/{stepId}/confirmation", planId, "budget-line")
                        .with(bearer(TestTokens.manager(orgId, bob)))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"note\":\"Owned the Q2 travel budget\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.steps[1].status").value("COMPLETED"))
                .andExpect(jsonPath("$.progress.percentComplete").value(75))
                .andExpect(jsonPath("$.status").value("ACTIVE"));
        String statement = XapiStatements.statement(newId(), LMS, aliceUser, XapiStatements.COMPLETED, COURSE);
        mvc.perform(post("/xapi/statements").with(bearer(TestTokens.client(orgId, "lms", "xapi:write")))
                        .header("X-Experience-API-Version", "1.0.3").contentType(MediaType.APPLICATION_JSON).content(statement))
                .andExpect(status().isOk());

        PlanProgress done = Plans.load(mongo, planId);
        assertThat(done.getStatus()).isEqualTo(PlanProgress.COMPLETED);
        assertThat(done.getReassessmentDueOn()).isEqualTo(today.plusDays(14));

        List<ConsumerRecord<String, byte[]>> completed = ProgressTopic.events(bootstrap(), alice,
                ProgressEvents.STEP_COMPLETED, 2, WAIT);
        assertThat(completed).extracting(TopicReader::value)
                .anySatisfy(v -> assertThat(v).contains("\"source\":\"MANAGER\"").contains("\"stepId\":\"budget-line\""))
                .anySatisfy(v -> assertThat(v).contains("\"source\":\"XAPI\"").contains("\"planProgressPercent\":100"));
        List<ConsumerRecord<String, byte[]>> planCompleted = ProgressTopic.events(bootstrap(), alice,
                ProgressEvents.PLAN_COMPLETED, 1, WAIT);
        assertThat(planCompleted).hasSize(1);
        assertThat(TopicReader.value(planCompleted.get(0)))
                .contains("\"reassessmentDueOn\":\"" + today.plusDays(14) + "\"");

        // Not yet: the delay has not passed.
        clock.advance(Duration.ofDays(13));
        await().atMost(WAIT).until(() -> reassessments.runOnce() >= 0);
        assertThat(Plans.load(mongo, planId).getReassessmentRaisedAt()).isNull();

        clock.advance(Duration.ofDays(1));
        await().atMost(WAIT).until(() -> reassessments.runOnce() >= 0);
        assertThat(Plans.load(mongo, planId).getReassessmentRaisedAt()).isNotNull();
        await().atMost(WAIT).until(() -> reassessments.runOnce() >= 0);
        // The same completion once more, and a redelivered plan.created: nothing new.
        mvc.perform(post("/xapi/statements").with(bearer(TestTokens.client(orgId, "lms", "xapi:write")))
                .header("X-Experience-API-Version", "1.0.3").contentType(MediaType.APPLICATION_JSON).content(statement))
                .andExpect(status().isOk());

        List<ConsumerRecord<String, byte[]>> due = ProgressTopic.events(bootstrap(), alice,
                ProgressEvents.REASSESSMENT_DUE, 1, WAIT);
        assertThat(TopicReader.value(due.get(0))).contains("\"previousAssessmentId\":\"assessment-" + planId + "\"")
                .contains("\"dueOn\":\"" + today.plusDays(14) + "\"");
        assertThat(ProgressTopic.events(bootstrap(), alice, ProgressEvents.REASSESSMENT_DUE, 2, NO_MORE)).hasSize(1);
        assertThat(ProgressTopic.events(bootstrap(), alice, ProgressEvents.PLAN_COMPLETED, 2, NO_MORE)).hasSize(1);
        assertThat(ProgressTopic.events(bootstrap(), alice, ProgressEvents.STEP_COMPLETED, 3, NO_MORE)).hasSize(2);
    }

    @Test
    public void theScanSignalsDueSoonAndOverdueOncePerStepAndDueDate() {
        String orgId = newOrgId();
        String alice = newId();
        String planId = newId();
        LocalDate today = today();
        Events.planCreated(bootstrap(), orgId, alice, planId, "ACTIVE", null, clock.instant(), today.minusWeeks(2),
                List.of(new Events.Step("late", "READING", "networking", 1, today.minusDays(2), null),
                        new Events.Step("soon", "COURSE", "networking", 2, today.plusDays(2), null),
                        new Events.Step("later", "COURSE", "networking", 2, today.plusDays(30), null)));
        await().atMost(WAIT).until(() -> Plans.load(mongo, planId), Objects::nonNull);

        await().atMost(WAIT).until(() -> dueDates.runOnce() >= 0);
        await().atMost(WAIT).until(() -> dueDates.runOnce() >= 0);
        List<ConsumerRecord<String, byte[]>> overdue = ProgressTopic.events(bootstrap(), alice,
                ProgressEvents.STEP_OVERDUE, 1, WAIT);
        assertThat(TopicReader.value(overdue.get(0))).contains("\"stepId\":\"late\"").contains("\"daysOverdue\":2");
        List<ConsumerRecord<String, byte[]>> soon = ProgressTopic.events(bootstrap(), alice,
                ProgressEvents.STEP_DUE_SOON, 1, WAIT);
        assertThat(TopicReader.value(soon.get(0))).contains("\"stepId\":\"soon\"");

        // Three days on, "soon" is overdue too; "later" is still far off.
        clock.advance(Duration.ofDays(3));
        await().atMost(WAIT).until(() -> dueDates.runOnce() >= 0);
        await().atMost(WAIT).until(() -> dueDates.runOnce() >= 0);
        List<ConsumerRecord<String, byte[]>> allOverdue = ProgressTopic.events(bootstrap(), alice,
                ProgressEvents.STEP_OVERDUE, 3, NO_MORE);
        assertThat(allOverdue).extracting(TopicReader::value).hasSize(2)
                .anySatisfy(v -> assertThat(v).contains("\"stepId\":\"soon\""));
        assertThat(ProgressTopic.events(bootstrap(), alice, ProgressEvents.STEP_DUE_SOON, 2, NO_MORE)).hasSize(1);
        assertThat(Plans.load(mongo, planId).getNextScanOn()).isEqualTo(today.plusDays(27));
    }

    @Test
    public void onlyOneInstanceRunsAScanAtATime() {
        JobLease other = new JobLease(mongo, clock, "another-instance");
        await().atMost(WAIT).until(() -> other.tryAcquire(DueDateScan.JOB, Duration.ofMinutes(5)));
        try {
            assertThat(dueDates.runOnce()).as("the other instance holds the lease").isEqualTo(-1);
            assertThat(new JobLease(mongo, clock, "a-third").tryAcquire(DueDateScan.JOB, Duration.ofMinutes(5))).isFalse();
            clock.advance(Duration.ofMinutes(6));
            assertThat(dueDates.runOnce()).as("an expired lease is taken over").isGreaterThanOrEqualTo(0);
        } finally {
            other.release(DueDateScan.JOB);
        }
    }
}
