package org.skillpath.progress.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.skillpath.kit.test.RawEvents;
import org.skillpath.kit.test.TopicReader;
import org.skillpath.progress.Events;
import org.skillpath.progress.IntegrationContract;
import org.skillpath.progress.dashboard.DashboardMember;
import org.skillpath.progress.people.PersonView;
import org.skillpath.progress.progress.PlanProgress;
import org.skillpath.progress.progress.Plans;

/**
 * The consumers re-check the tenant on the real broker: an event naming a person or plan stored here under
 * another organisation reaches its binding's dead-letter topic with the reason, changes nothing, and the next
 * good record is processed.
 */
public abstract class TenancyContract extends IntegrationContract {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    public void planEventsForAnotherOrganisationsPlanAreDeadLetteredAndChangeNothing() {
        String orgId = newOrgId();
        String intruder = newOrgId();
        String alice = newId();
        String planId = newId();
        LocalDate today = today();
        Plans.store(mongo, orgId, alice, planId, "PROPOSED", null, today, List.of(
                new Plans.Step("s1", "COURSE", "budgeting", 2, today.plusWeeks(2), null)));

        // Another organisation activates the plan, and publishes a plan.created under the same plan id.
        Events.publish(bootstrap(), Events.PLAN, "org.skillpath.plan.activated", intruder, alice, "plans/" + planId,
                activated(planId, alice, intruder));
        Events.planCreated(bootstrap(), intruder, alice, planId, "ACTIVE", null, clock.instant(), today,
                List.of(new Events.Step("x1", "READING", "networking", 1, today.plusWeeks(1), null)));
        // Then the plan's own organisation activates it.
        Events.publish(bootstrap(), Events.PLAN, "org.skillpath.plan.activated", orgId, alice, "plans/" + planId,
                activated(planId, alice, orgId));

        await().atMost(WAIT).until(() -> PlanProgress.ACTIVE.equals(Plans.load(mongo, planId).getStatus()));
        List<ConsumerRecord<String, byte[]>> dead = deadLetters("skillpath.plan.v1.progress-service.dlt", alice, 2);
        assertThat(dead).hasSize(2).allSatisfy(r -> assertThat(TopicReader.header(r, "x-exception-message"))
                .contains("organisation mismatch: the event is of organisation " + intruder)
                .contains("plan " + planId));
        PlanProgress plan = Plans.load(mongo, planId);
        assertThat(plan.getOrgId()).isEqualTo(orgId);
        assertThat(plan.getSteps()).extracting(s -> s.stepId()).containsExactly("s1");
        DashboardMember member = mongo.findById(alice, DashboardMember.class);
        assertThat(member.orgId()).isEqualTo(orgId);
        assertThat(member.plans().get(planId).stepsEver()).as("the intruder's plan.created fed no dashboard").isNull();
    }

    @Test
    public void aPersonIsNeverMovedToAnotherOrganisation() {
        String orgId = newOrgId();
        String intruder = newOrgId();
        String bob = newId();
        Events.person(bootstrap(), orgId, bob, "bob", "Bob Manager", null);
        await().atMost(WAIT).until(() -> mongo.findById(bob, PersonView.class), Objects::nonNull);

        // Another organisation claims Bob, erases him, and sends his skill gaps.
        Events.person(bootstrap(), intruder, bob, "bob", "Bob Elsewhere", null);
        RawEvents.publish(bootstrap(), Events.PEOPLE, bob,
                RawEvents.ceHeaders(newId(), "org.skillpath.person.erased", intruder, "people/" + bob), null);
        Events.gaps(bootstrap(), intruder, bob, newId(), clock.instant(), Events.gap("budgeting", "Budgeting", 1, 4), "");
        Events.person(bootstrap(), orgId, bob, "bob", "Bob Lead", null);

        await().atMost(WAIT).until(() -> "Bob Lead".equals(mongo.findById(bob, PersonView.class).displayName()));
        List<ConsumerRecord<String, byte[]>> people = deadLetters("skillpath.people.v1.progress-service.dlt", bob, 2);
        assertThat(people).hasSize(2).allSatisfy(r -> assertThat(TopicReader.header(r, "x-exception-message"))
                .endsWith("organisation mismatch: the event is of organisation " + intruder + ", the stored person "
                        + bob + " belongs to another"));
        List<ConsumerRecord<String, byte[]>> gaps = deadLetters("skillpath.assessment.v1.progress-service.dlt", bob, 1);
        assertThat(TopicReader.header(gaps.get(0), "x-exception-message")).contains("organisation mismatch");
        assertThat(mongo.findById(bob, PersonView.class).orgId()).isEqualTo(orgId);
        await().atMost(WAIT).until(() -> "Bob Lead".equals(mongo.findById(bob, DashboardMember.class).displayName()));
        DashboardMember member = mongo.findById(bob, DashboardMember.class);
        assertThat(member.orgId()).isEqualTo(orgId);
        assertThat(member.gaps()).as("the intruder's gaps reached no dashboard").isNull();
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters(String topic, String key, int atLeast) {
        return TopicReader.read(bootstrap(), topic, WAIT,
                        recs -> recs.stream().filter(r -> key.equals(r.key())).count() >= atLeast)
                .stream().filter(r -> key.equals(r.key())).toList();
    }

    private static String activated(String planId, String personId, String orgId) {
        return """
                {"planId":"%s","personId":"%s","orgId":"%s","activatedAt":"2026-01-05T09:00:00Z","activatedBy":"PERSON"}"""
                .formatted(planId, personId, orgId);
    }
}
