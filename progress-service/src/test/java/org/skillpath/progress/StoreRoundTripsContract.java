package org.skillpath.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.skillpath.kit.test.MongoCommands;
import org.skillpath.progress.dashboard.DashboardMember;
import org.skillpath.progress.progress.PlanProgress;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The store round trips of the pipeline's two hot events, counted from the driver's command events on the
 * consuming thread (a deterministic count, not a timing): the person is known, as in production, where
 * person.upserted comes first. Before: skillgaps.identified 3 (tenancy read, ensure, guarded update), plan.created
 * 5 (tenancy read, insert, ensure, header update, steps update).
 */
public abstract class StoreRoundTripsContract extends IntegrationContract {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    private MongoCommands commands;

    @Test
    public void skillgapsIdentifiedTakesATenancyReadAndOneDashboardUpdate() {
        String orgId = newOrgId();
        String person = knownPerson(orgId);
        String assessmentId = newId();

        List<MongoCommands.Command> handled = recordedFor(person, Events.ASSESSMENT, () -> {
            Events.gaps(bootstrap(), orgId, person, assessmentId, clock.instant(),
                    Events.gap("budgeting", "Budgeting", 2, 4), "");
            await().atMost(WAIT).until(() -> {
                DashboardMember m = mongo.findById(person, DashboardMember.class);
                return m.gaps() != null && assessmentId.equals(m.gaps().assessmentId());
            });
        });

        assertThat(handled).as("%s", handled).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    public void planCreatedTakesATenancyReadTheInsertAndOneDashboardUpdate() {
        String orgId = newOrgId();
        String person = knownPerson(orgId);
        String planId = newId();
        LocalDate today = today();

        List<MongoCommands.Command> handled = recordedFor(person, Events.PLAN, () -> {
            Events.planCreated(bootstrap(), orgId, person, planId, "PROPOSED", null, clock.instant(), today,
                    List.of(new Events.Step("s1", "COURSE", "budgeting", 2, today.plusDays(10), null),
                            new Events.Step("s2", "PRACTICE", "networking", 4, today.plusDays(20), null)));
            await().atMost(WAIT).until(() -> {
                DashboardMember m = mongo.findById(person, DashboardMember.class);
                return mongo.findById(planId, PlanProgress.class) != null && m.plans() != null
                        && m.plans().get(planId) != null && m.plans().get(planId).steps() != null;
            });
        });

        assertThat(handled).as("%s", handled).hasSizeLessThanOrEqualTo(3);
    }

    /** A person as person.upserted leaves them: in the directory and on the dashboard. */
    private String knownPerson(String orgId) {
        String manager = newId();
        String person = newId();
        Events.person(bootstrap(), orgId, person, "p-" + person.substring(0, 8), "Person P", manager);
        await().atMost(WAIT).until(() -> mongo.findById(person, DashboardMember.class) != null
                && mongo.findById(person, DashboardMember.class).displayName() != null);
        return person;
    }

    /** The commands the topic's consumer sent about {@code person} while {@code action} ran. */
    private List<MongoCommands.Command> recordedFor(String person, String topic, Runnable action) {
        commands.start();
        try {
            action.run();
        } finally {
            commands.stop();
        }
        return commands.mentioning(person).stream()
                .filter(c -> c.thread().contains("consumerDestinationName='" + topic + "'")).toList();
    }
}
