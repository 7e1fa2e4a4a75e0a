package org.skillpath.dashboard.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.skillpath.dashboard.api.Dashboards.Aggregates;
import org.skillpath.dashboard.api.Dashboards.Gap;
import org.skillpath.dashboard.api.Dashboards.Growth;
import org.skillpath.dashboard.api.Dashboards.MemberDetail;
import org.skillpath.dashboard.api.Dashboards.MemberRow;
import org.skillpath.dashboard.api.Dashboards.Page;
import org.skillpath.dashboard.api.Dashboards.PlanDetail;
import org.skillpath.dashboard.api.Dashboards.PlanSummary;
import org.skillpath.dashboard.api.Dashboards.SkillCell;
import org.skillpath.dashboard.api.Dashboards.SkillGrowth;
import org.skillpath.dashboard.api.Dashboards.StepDetail;
import org.skillpath.dashboard.api.Dashboards.TeamOverview;
import org.skillpath.dashboard.chart.HeatMap;

class TeamViewTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
    static final Instant YESTERDAY = Instant.parse("2026-06-14T09:00:00Z");

    static StepDetail step(String id, boolean done) {
        return new StepDetail(id, "Step " + id, "budgeting", 2, TODAY.plusDays(7), done, null, false);
    }

    static MemberDetail detail(String id, String name, List<Gap> levels, List<Growth> growth, PlanDetail... plans) {
        return new MemberDetail(id, name, "m", "Delivery", "Team lead", YESTERDAY, List.of(), levels, growth,
                List.of(plans), YESTERDAY);
    }

    static MemberRow row(String id, String name, String planId, int percent, int overdue, Gap... gaps) {
        return new MemberRow(id, name, "Delivery", planId == null ? null
                : new PlanSummary(planId, "ACTIVE", percent, overdue, TODAY.plusDays(3)), List.of(gaps), YESTERDAY);
    }

    static final Gap ALICE_BUDGETING = new Gap("budgeting", "Budgeting", 2.0, 4.0);
    static final Gap ALICE_LISTENING = new Gap("active-listening", "Active listening", 4.5, null);
    static final Gap DAVE_BUDGETING = new Gap("budgeting", "Budgeting", 3.0, 4.0);
    static final Gap DAVE_CONFLICT = new Gap("conflict-resolution", "Conflict resolution", 1.0, 4.0);

    static TeamOverview team(Aggregates aggregates, MemberRow... rows) {
        return new TeamOverview("m", rows.length, aggregates, new Page<>(List.of(rows), 0, 100, rows.length, 1));
    }

    static Map<String, MemberDetail> details() {
        Map<String, MemberDetail> details = new LinkedHashMap<>();
        details.put("alice", detail("alice", "Alice", List.of(ALICE_BUDGETING, ALICE_LISTENING),
                List.of(new Growth("budgeting", 1.5, 2.0)),
                new PlanDetail("p1", "ACTIVE", YESTERDAY, TODAY, TODAY.plusDays(90), 40, null,
                        List.of(step("a", true), step("b", true), step("c", false), step("d", false), step("e", false))),
                new PlanDetail("p0", "ARCHIVED", YESTERDAY.minusSeconds(86_400 * 100), null, null, 0, null,
                        List.of(step("z", false)))));
        details.put("dave", detail("dave", "Dave", List.of(DAVE_BUDGETING, DAVE_CONFLICT), List.of()));
        return details;
    }

    static final Aggregates WITHHELD = new Aggregates(false, "fewer than 3 people: aggregates would identify individuals",
            2, null, null, List.of(), List.of());

    @Test
    void aCardShowsTheActivePlansStepsDoneTheGapsAndTheLastActivity() {
        TeamView view = TeamView.of(team(WITHHELD, row("alice", "Alice", "p1", 40, 1, ALICE_BUDGETING),
                row("dave", "Dave", null, 0, 0, DAVE_CONFLICT, DAVE_BUDGETING)), details(), ZoneOffset.UTC, TODAY);

        TeamView.MemberCard alice = view.members().get(0);
        assertThat(alice.hasPlan()).isTrue();
        assertThat(alice.stepsDone()).isEqualTo(2);
        assertThat(alice.stepsTotal()).isEqualTo(5);
        assertThat(alice.percent()).isEqualTo(40);
        assertThat(alice.overdueSteps()).isEqualTo(1);
        assertThat(alice.nextDue()).isEqualTo("18 Jun 2026");
        assertThat(alice.topGaps()).containsExactly("Budgeting: 2.0 of 4.0");
        assertThat(alice.lastActivity()).isEqualTo("yesterday");

        TeamView.MemberCard dave = view.members().get(1);
        assertThat(dave.hasPlan()).isFalse();
        assertThat(dave.topGaps()).containsExactly("Conflict resolution: 1.0 of 4.0", "Budgeting: 3.0 of 4.0");
    }

    @Test
    void theHeatMapHasAColumnPerSkillWidestGapFirstAndARowPerAssessedPerson() {
        TeamView view = TeamView.of(team(WITHHELD, row("alice", "Alice", "p1", 40, 0),
                row("dave", "Dave", null, 0, 0), row("erin", "Erin", null, 0, 0)), details(), ZoneOffset.UTC, TODAY);

        HeatMap map = view.heatMap();
        // average gaps: conflict resolution 3.0 (Dave only), budgeting (2.0 + 1.0) / 2, listening 0 (a strength)
        assertThat(map.skills()).extracting(HeatMap.Skill::name)
                .containsExactly("Conflict resolution", "Budgeting", "Active listening");
        assertThat(map.rows()).extracting(HeatMap.Row::label).containsExactly("Alice", "Dave");
        assertThat(map.rows().get(0).text("budgeting")).isEqualTo("2.0 / 4.0");
        assertThat(map.rows().get(0).text("conflict-resolution")).isEqualTo("\u2013");
        assertThat(view.summary()).containsExactly(
                "Team averages are not shown: fewer than 3 people: aggregates would identify individuals.");
        assertThat(view.teamGrowth()).isEmpty();
    }

    @Test
    void theTeamAverageRowAndTeamGrowthAppearWhenTheServiceOffersThem() {
        Aggregates available = new Aggregates(true, null, 3, 35, 2,
                List.of(new SkillCell("budgeting", "Budgeting", 2.5, 4.0, 2)),
                List.of(new SkillGrowth("budgeting", "Budgeting", 1.5, 2.0, 0.5, 1)));

        TeamView view = TeamView.of(team(available, row("alice", "Alice", "p1", 40, 0), row("dave", "Dave", null, 0, 0)),
                details(), ZoneOffset.UTC, TODAY);

        HeatMap.Row average = view.heatMap().rows().get(view.heatMap().rows().size() - 1);
        assertThat(average.label()).isEqualTo("Team average");
        assertThat(average.average()).isTrue();
        assertThat(average.text("budgeting")).isEqualTo("2.5 / 4.0");
        assertThat(view.summary()).containsExactly("Average progress on active plans: 35\u00a0%",
                "Overdue steps across the team: 2");
        assertThat(view.teamGrowth()).singleElement().satisfies(g -> {
            assertThat(g.change()).isEqualTo("+0.5");
            assertThat(g.direction()).isEqualTo("grew");
        });
        assertThat(view.growth()).singleElement().satisfies(p -> {
            assertThat(p.person()).isEqualTo("Alice");
            assertThat(p.skills()).extracting(g -> g.skill() + " " + g.previous() + " " + g.current())
                    .containsExactly("Budgeting 1.5 2.0");
        });
    }

    @Test
    void aTeamNobodyAssessedYetHasAnEmptyHeatMap() {
        TeamView view = TeamView.of(team(WITHHELD, row("x", null, null, 0, 0)), Map.of(), ZoneOffset.UTC, TODAY);

        assertThat(view.heatMap().isEmpty()).isTrue();
        assertThat(view.members().get(0).name()).isEqualTo("(name not known yet)");
        assertThat(view.members().get(0).topGaps()).isEmpty();
    }
}
