package org.skillpath.progress.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.skillpath.kit.test.TestTokens.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.skillpath.kit.test.ContractSchemas;
import org.skillpath.kit.test.RawEvents;
import org.skillpath.kit.test.TestTokens;
import org.skillpath.kit.test.TopicReader;
import org.skillpath.progress.Events;
import org.skillpath.progress.IntegrationContract;
import org.skillpath.progress.dashboard.DashboardMember;
import org.springframework.http.MediaType;

/**
 * plan.activated, mentor.assigned and plan.revised on the real broker: each applied once (redeliveries and older
 * revisions change nothing), a revision keeps completed steps; and records the new bindings cannot process go to
 * their dead-letter topics while the consumers go on.
 */
public abstract class PlanLifecycleContract extends IntegrationContract {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    public void activationMentorAndRevisionsApplyOnceAndCompletedStepsStay() throws Exception {
        String orgId = newOrgId();
        String alice = newId();
        String carol = newId();
        String planId = newId();
        LocalDate today = today();
        Events.person(bootstrap(), orgId, alice, "alice", "Alice Specialist", null);
        Events.person(bootstrap(), orgId, carol, "carol", "Carol Mentor", null);
        Events.planCreated(bootstrap(), orgId, alice, planId, "PROPOSED", null, clock.instant(), today, List.of(
                new Events.Step("s1", "COURSE", "budgeting", 2, today.plusWeeks(2), null),
                new Events.Step("s2", "MENTORING", "conflict-resolution", 2, today.plusWeeks(4), null)));
        await().atMost(WAIT).until(() -> Plans.load(mongo, planId), Objects::nonNull);
        assertThat(Plans.load(mongo, planId).getStatus()).isEqualTo(PlanProgress.PROPOSED);

        Map<String, String> activated = RawEvents.ceHeaders(newId(), "org.skillpath.plan.activated", orgId, "plans/" + planId);
        String activatedJson = """
                {"planId":"%s","personId":"%s","orgId":"%s","activatedAt":"%s","activatedBy":"PERSON"}"""
                .formatted(planId, alice, orgId, clock.instant());
        ContractSchemas.assertValid("plan.activated", activatedJson);
        RawEvents.publish(bootstrap(), Events.PLAN, alice, activated, activatedJson);
        RawEvents.publish(bootstrap(), Events.PLAN, alice, activated, activatedJson);
        Events.publish(bootstrap(), Events.PLAN, "org.skillpath.mentor.assigned", orgId, alice, "plans/" + planId, """
                {"planId":"%s","personId":"%s","orgId":"%s","mentorId":"%s","skillIds":["conflict-resolution"],
                 "assignedAt":"%s","reason":"strong in conflict resolution"}""".formatted(planId, alice, orgId, carol,
                clock.instant()));
        await().atMost(WAIT).until(() -> Plans.load(mongo, planId).getMentorIds().contains(carol));
        assertThat(Plans.load(mongo, planId).getStatus()).isEqualTo(PlanProgress.ACTIVE);

        // The mentor may now log the session that completes s2.
        await().atMost(WAIT).until(() -> mongo.findById(carol, org.skillpath.progress.people.PersonView.class) != null);
        mvc.perform(post("/api/progress/plans/{p}/steps/s2/mentoring-sessions", planId)
                        .with(bearer(TestTokens.employee(orgId, carol))).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"heldOn\":\"" + today + "\",\"completesStep\":true}"))
                .andExpect(status().isOk());

        // Revision 2 drops s1 and s2 (completed, so it stays) and adds s3; revision 1 arrives late; 2 is redelivered.
        Map<String, String> revision2 = RawEvents.ceHeaders(newId(), "org.skillpath.plan.revised", orgId, "plans/" + planId);
        String revised2 = revised(planId, alice, orgId, 2, "s3", today.plusWeeks(6));
        RawEvents.publish(bootstrap(), Events.PLAN, alice, revision2, revised2);
        Events.publish(bootstrap(), Events.PLAN, "org.skillpath.plan.revised", orgId, alice, "plans/" + planId,
                revised(planId, alice, orgId, 1, "s9", today.plusWeeks(1)));
        RawEvents.publish(bootstrap(), Events.PLAN, alice, revision2, revised2);
        String marker = newId();
        Events.planCreated(bootstrap(), orgId, alice, marker, "PROPOSED", null, clock.instant(), today,
                List.of(new Events.Step("m1", "READING", "networking", 1, today.plusWeeks(1), null)));
        await().atMost(WAIT).until(() -> Plans.load(mongo, marker), Objects::nonNull);

        PlanProgress plan = Plans.load(mongo, planId);
        assertThat(plan.getRevision()).isEqualTo(2);
        assertThat(plan.getSteps()).extracting(PlanStep::stepId).containsExactly("s3", "s2");
        assertThat(plan.step("s2").status()).isEqualTo(StepStatus.COMPLETED);
        assertThat(plan.step("s3").status()).isEqualTo(StepStatus.NOT_STARTED);
        DashboardMember member = mongo.findById(alice, DashboardMember.class);
        assertThat(member.plans().get(planId).stepsRevision()).isEqualTo(2);
        assertThat(member.plans().get(planId).activatedAt()).isNotNull();
    }

    @Test
    public void recordsTheNewBindingsCannotProcessGoToTheirDeadLetterTopics() {
        String personId = newId();
        String orgId = newOrgId();
        RawEvents.publish(bootstrap(), Events.ASSESSMENT, personId,
                RawEvents.ceHeaders(newId(), "org.skillpath.skillgaps.identified", orgId, "a/1"), "{\"gaps\": [oops");
        RawEvents.publish(bootstrap(), Events.ASSESSMENT, personId,
                RawEvents.ceHeaders(newId(), "org.skillpath.plan.created", orgId, "a/2"), "{}");
        RawEvents.publish(bootstrap(), Events.PROGRESS, personId,
                RawEvents.ceHeaders(newId(), "org.skillpath.step.exploded", orgId, "p/1"), "{}");
        RawEvents.publish(bootstrap(), Events.PLAN, personId,
                RawEvents.ceHeaders(newId(), "org.skillpath.plan.activated", orgId, "plans/unknown"), """
                        {"planId":"unknown-%s","personId":"%s","orgId":"%s","activatedAt":"2026-01-01T00:00:00Z",
                         "activatedBy":"AUTOMATIC"}""".formatted(personId, personId, orgId));
        Events.gaps(bootstrap(), orgId, personId, newId(), clock.instant(), Events.gap("budgeting", "Budgeting", 2, 4), "");

        assertThat(dead("skillpath.assessment.v1.progress-service.dlt", personId, 2))
                .anySatisfy(reason -> assertThat(reason).contains("does not fit"))
                .anySatisfy(reason -> assertThat(reason).contains("is not defined for skillpath.assessment.v1"));
        assertThat(dead("skillpath.progress.v1.progress-service.dlt", personId, 1))
                .allSatisfy(reason -> assertThat(reason).contains("is not defined for skillpath.progress.v1"));
        assertThat(dead("skillpath.plan.v1.progress-service.dlt", personId, 1))
                .allSatisfy(reason -> assertThat(reason).contains("which this service does not know"));
        await().atMost(WAIT).until(() -> {
            DashboardMember m = mongo.findById(personId, DashboardMember.class);
            return m != null && m.gaps() != null;
        });
    }

    private List<String> dead(String topic, String personId, int count) {
        List<ConsumerRecord<String, byte[]>> records = TopicReader.read(bootstrap(), topic, WAIT,
                        recs -> recs.stream().filter(r -> personId.equals(r.key())).count() >= count)
                .stream().filter(r -> personId.equals(r.key())).toList();
        assertThat(records).hasSize(count);
        return records.stream().map(r -> TopicReader.header(r, "x-exception-message")).toList();
    }

    private static String revised(String planId, String personId, String orgId, int revision, String stepId,
                                  LocalDate due) {
        String json = """
                {"planId":"%s","personId":"%s","orgId":"%s","assessmentId":null,"revision":%d,
                 "revisedAt":"2026-06-01T09:00:00Z","reason":"reassessment","added":[],"removed":["s1"],
                 "steps":[{"stepId":"%s","activityId":"act-%s","title":"Title of %s","format":"PRACTICE",
                           "bucket":"EXPERIENCE","skillId":"budgeting","effortHours":5,"startsOn":"%s","dueOn":"%s",
                           "reason":"what remains"}],"status":"ACTIVE"}"""
                .formatted(planId, personId, orgId, revision, stepId, stepId, stepId, due.minusWeeks(1), due);
        ContractSchemas.assertValid("plan.revised", json);
        return json;
    }
}
