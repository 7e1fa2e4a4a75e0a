package org.skillpath.progress.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.skillpath.kit.test.TestTokens.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.mongodb.client.MongoClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.skillpath.kit.events.InboundEvent;
import org.skillpath.kit.test.TestTokens;
import org.skillpath.kit.test.TopicReader;
import org.skillpath.progress.Events;
import org.skillpath.progress.IntegrationContract;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import tools.jackson.databind.ObjectMapper;

/**
 * The manager dashboard from events on the real broker: people, gaps, plans and the progress service's own
 * step.completed. Privacy rules (team aggregates from three people; who may see what), and the proof that the
 * read model is a pure function of the topics: replaying them into a fresh database gives the same dashboard.
 */
public abstract class DashboardContract extends IntegrationContract {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    private MongoClient mongoClient;
    @Autowired
    private ObjectMapper json;

    @Test
    public void aManagerSeesTheTeamAndTheReadModelRebuildsFromTheTopics() throws Exception {
        String orgId = newOrgId();
        String bob = newId();
        String alice = newId();
        String carol = newId();
        String dave = newId();
        String frank = newId();
        String gina = newId();
        String hal = newId();
        Events.person(bootstrap(), orgId, bob, "bob", "Bob Manager", null);
        Events.person(bootstrap(), orgId, alice, "alice", "Alice Specialist", bob);
        Events.person(bootstrap(), orgId, carol, "carol", "Carol Analyst", bob);
        Events.person(bootstrap(), orgId, dave, "dave", "Dave Engineer", bob);
        Events.person(bootstrap(), orgId, frank, "frank", "Frank Lead", null);
        Events.person(bootstrap(), orgId, gina, "gina", "Gina Tester", frank);
        Events.person(bootstrap(), orgId, hal, "hal", "Hal Writer", frank);

        Instant assessed = clock.instant().minus(Duration.ofDays(3));
        Events.gaps(bootstrap(), orgId, alice, newId(), assessed,
                Events.gap("conflict-resolution", "Conflict resolution", 2, 4) + ","
                        + Events.gap("budgeting", "Budgeting", 2.5, 4) + ","
                        + Events.gap("networking", "Networking", 3, 4) + ","
                        + Events.gap("documenting", "Documenting processes", 3.5, 4),
                "{\"skillId\":\"conflict-resolution\",\"previousLevel\":1.5,\"currentLevel\":2}");
        Events.gaps(bootstrap(), orgId, carol, newId(), assessed, Events.gap("budgeting", "Budgeting", 3, 4), "");
        Events.gaps(bootstrap(), orgId, dave, newId(), assessed, Events.gap("budgeting", "Budgeting", 1, 4), "");
        // An older assessment of Alice arriving late changes nothing.
        Events.gaps(bootstrap(), orgId, alice, newId(), assessed.minus(Duration.ofDays(200)),
                Events.gap("negotiation", "Negotiation", 1, 4), "");

        String planId = newId();
        LocalDate today = today();
        Events.planCreated(bootstrap(), orgId, alice, planId, "ACTIVE", null, clock.instant(), today.minusWeeks(1),
                List.of(new Events.Step("late", "READING", "networking", 2, today.minusDays(1), null),
                        new Events.Step("course", "COURSE", "conflict-resolution", 2, today.plusDays(10), null)));
        await().atMost(WAIT).until(() -> mongo.findById(planId, org.skillpath.progress.progress.PlanProgress.class) != null
                && hasGaps(alice));
        await().atMost(WAIT).until(() -> mongo.findById(alice, org.skillpath.progress.people.PersonView.class) != null);
        mvc.perform(post("/api/progress/plans/{p}/steps/course/check-ins", planId)
                        .with(bearer(TestTokens.employee(orgId, alice))).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"complete\":true}"))
                .andExpect(status().isOk());
        // The completion reaches the dashboard the way it reaches everyone: through skillpath.progress.v1.
        await().atMost(WAIT).until(() -> {
            DashboardMember m = member(mongo, alice);
            return m != null && m.plans() != null && m.plans().get(planId) != null && m.plans().get(planId).done() != null;
        });
        await().atMost(WAIT).until(() -> member(mongo, hal) != null && member(mongo, hal).displayName() != null
                && hasGaps(dave) && hasGaps(carol));

        String bobsToken = TestTokens.manager(orgId, bob);
        String franksToken = TestTokens.manager(orgId, frank);
        mvc.perform(get("/api/dashboard/team").with(bearer(bobsToken)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.teamSize").value(3))
                .andExpect(jsonPath("$.members.items[*].displayName",
                        contains("Alice Specialist", "Carol Analyst", "Dave Engineer")))
                .andExpect(jsonPath("$.members.items[0].activePlan.planId").value(planId))
                .andExpect(jsonPath("$.members.items[0].activePlan.progressPercent").value(50))
                .andExpect(jsonPath("$.members.items[0].activePlan.overdueSteps").value(1))
                .andExpect(jsonPath("$.members.items[0].topGaps.length()").value(3))
                .andExpect(jsonPath("$.members.items[0].topGaps[0].skillId").value("conflict-resolution"))
                .andExpect(jsonPath("$.members.items[0].lastActivityAt").exists())
                .andExpect(jsonPath("$.members.items[1].activePlan").doesNotExist())
                .andExpect(jsonPath("$.aggregates.available").value(true))
                .andExpect(jsonPath("$.aggregates.heatMap[?(@.skillId == 'budgeting')].people").value(3))
                .andExpect(jsonPath("$.aggregates.heatMap[?(@.skillId == 'budgeting')].averageCurrent").value(2.17))
                .andExpect(jsonPath("$.aggregates.heatMap[?(@.skillId == 'budgeting')].averageTarget").value(4.0))
                .andExpect(jsonPath("$.aggregates.growth[0].skillId").value("conflict-resolution"))
                .andExpect(jsonPath("$.aggregates.growth[0].averageChange").value(0.5));
        mvc.perform(get("/api/dashboard/team").param("overdueOnly", "true").param("size", "1").with(bearer(bobsToken)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.members.totalItems").value(1))
                .andExpect(jsonPath("$.members.items[0].personId").value(alice));
        mvc.perform(get("/api/dashboard/team").param("skillId", "budgeting").with(bearer(bobsToken)))
                .andExpect(jsonPath("$.members.totalItems").value(3));

        // Frank's team has two people: no aggregates that would single one out.
        mvc.perform(get("/api/dashboard/team").with(bearer(franksToken)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.teamSize").value(2))
                .andExpect(jsonPath("$.aggregates.available").value(false))
                .andExpect(jsonPath("$.aggregates.heatMap.length()").value(0))
                .andExpect(jsonPath("$.aggregates.averageProgressPercent").doesNotExist());
        // Another manager's team is none of Frank's business: as if Bob were not there.
        mvc.perform(get("/api/dashboard/team").param("managerId", bob).with(bearer(franksToken)))
                .andExpect(status().isNotFound());
        // Without the MANAGER role the team view is refused, whatever the directory says.
        mvc.perform(get("/api/dashboard/team").with(bearer(TestTokens.employee(orgId, bob))))
                .andExpect(status().isForbidden());

        mvc.perform(get("/api/dashboard/people/{id}", alice).with(bearer(bobsToken)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.plans[0].steps[?(@.stepId == 'late')].overdue").value(true))
                .andExpect(jsonPath("$.plans[0].steps[?(@.stepId == 'course')].done").value(true))
                .andExpect(jsonPath("$.levels[*].skillId", hasItem("active-listening")))
                .andExpect(jsonPath("$.growth[0].previousLevel").value(1.5));
        mvc.perform(get("/api/dashboard/people/{id}", alice).with(bearer(TestTokens.employee(orgId, carol))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/dashboard/people/{id}", alice).with(bearer(TestTokens.employee(orgId, alice))))
                .andExpect(status().isOk());
        mvc.perform(get("/api/dashboard/people/{id}", alice).with(bearer(newAdmin(newOrgId()))))
                .andExpect(status().isNotFound());

        mvc.perform(get("/api/dashboard/organisation").with(bearer(bobsToken)))
                .andExpect(status().isForbidden());
        String bobAsAdmin = TestTokens.person(orgId, bob, "EMPLOYEE", "MANAGER", "LD_ADMIN");
        mvc.perform(get("/api/dashboard/organisation").param("size", "101").with(bearer(bobAsAdmin)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(get("/api/dashboard/organisation").with(bearer(bobAsAdmin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.people.totalItems").value(7))
                .andExpect(jsonPath("$.aggregates.available").value(true))
                .andExpect(jsonPath("$.aggregates.overdueSteps").value(1));

        // The replay: every record of the four topics, read from the beginning by a new consumer group, applied
        // into an empty database - topic by topic in the reverse of the order they were produced in.
        MongoTemplate fresh = new MongoTemplate(new SimpleMongoClientDatabaseFactory(mongoClient,
                "progress-replay-" + orgId), mongo.getConverter());
        DashboardProjection rebuild = new DashboardProjection(fresh, json);
        for (String topic : List.of(Events.PROGRESS, Events.PLAN, Events.ASSESSMENT, Events.PEOPLE)) {
            for (ConsumerRecord<String, byte[]> r : TopicReader.readAll(bootstrap(), topic, Duration.ofSeconds(2))) {
                if (orgId.equals(TopicReader.header(r, "ce_orgid"))) {
                    rebuild.apply(event(r));
                }
            }
        }
        List<DashboardMember> live = members(mongo, orgId);
        List<DashboardMember> rebuilt = members(fresh, orgId);
        assertThat(rebuilt).extracting(DashboardMember::personId)
                .containsExactlyElementsOf(live.stream().map(DashboardMember::personId).toList());
        for (LocalDate day : List.of(today, today.plusDays(20))) {
            assertThat(views(rebuilt, day)).isEqualTo(views(live, day));
            assertThat(DashboardViews.aggregates(team(rebuilt, bob), day)).isEqualTo(DashboardViews.aggregates(team(live, bob), day));
        }
        fresh.getDb().drop();
    }

    private boolean hasGaps(String personId) {
        DashboardMember m = member(mongo, personId);
        return m != null && m.gaps() != null && m.displayName() != null;
    }

    private static List<Object> views(List<DashboardMember> members, LocalDate day) {
        List<Object> views = new ArrayList<>();
        for (DashboardMember m : members) {
            views.add(DashboardViews.row(m, day));
            views.add(DashboardViews.detail(m, day));
        }
        return views;
    }

    private static List<DashboardMember> team(List<DashboardMember> members, String managerId) {
        return members.stream().filter(m -> managerId.equals(m.managerId())).toList();
    }

    private static List<DashboardMember> members(MongoTemplate template, String orgId) {
        return template.find(Query.query(Criteria.where("orgId").is(orgId)), DashboardMember.class).stream()
                .sorted(Comparator.comparing(DashboardMember::personId)).toList();
    }

    private static DashboardMember member(MongoTemplate template, String personId) {
        return template.findById(personId, DashboardMember.class);
    }

    private static InboundEvent event(ConsumerRecord<String, byte[]> r) {
        return new InboundEvent(TopicReader.header(r, "ce_id"), TopicReader.header(r, "ce_source"),
                TopicReader.header(r, "ce_type"), TopicReader.header(r, "ce_subject"), null,
                TopicReader.header(r, "ce_orgid"), r.key(),
                r.value());
    }
}
