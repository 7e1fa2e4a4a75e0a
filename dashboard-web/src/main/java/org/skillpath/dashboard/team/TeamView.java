package org.skillpath.dashboard.team;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.skillpath.dashboard.api.Dashboards.Aggregates;
import org.skillpath.dashboard.api.Dashboards.Gap;
import org.skillpath.dashboard.api.Dashboards.MemberDetail;
import org.skillpath.dashboard.api.Dashboards.MemberRow;
import org.skillpath.dashboard.api.Dashboards.PlanDetail;
import org.skillpath.dashboard.api.Dashboards.SkillCell;
import org.skillpath.dashboard.api.Dashboards.TeamOverview;
import org.skillpath.dashboard.chart.HeatMap;
import org.skillpath.dashboard.web.Formats;
import org.skillpath.dashboard.web.GrowthRow;

/**
 * The team overview page: a card per direct report, the team's skill heat map (each person's levels, and the
 * team's average where the group is large enough to show one), and growth between assessments.
 *
 * @param summary  the team's aggregates in words, or why they are withheld
 */
public record TeamView(int teamSize, List<String> summary, List<MemberCard> members, HeatMap heatMap,
                       List<GrowthRow> teamGrowth, List<PersonGrowth> growth) {

    /**
     * @param stepsDone  steps done of the active plan, of {@code stepsTotal}
     * @param topGaps    the widest gaps in words, e.g. "Budgeting: 2.0 of 4.0"
     */
    public record MemberCard(String personId, String name, String department, boolean hasPlan, String planStatus,
                             int percent, int stepsDone, int stepsTotal, int overdueSteps, String nextDue,
                             List<String> topGaps, String lastActivity) {
    }

    public record PersonGrowth(String person, List<GrowthRow> skills) {
    }

    public static TeamView of(TeamOverview team, Map<String, MemberDetail> details, ZoneId zone, LocalDate today) {
        List<MemberRow> rows = team.members() == null ? List.of() : team.members().items();
        List<MemberCard> cards = rows.stream().map(r -> card(r, details.get(r.personId()), zone, today)).toList();
        Map<String, String> skillNames = skillNames(details.values());
        List<PersonGrowth> growth = new ArrayList<>();
        for (MemberRow r : rows) {
            MemberDetail d = details.get(r.personId());
            if (d != null && !d.growth().isEmpty()) {
                growth.add(new PersonGrowth(name(r), d.growth().stream().map(g -> GrowthRow.of(
                        Formats.skillName(g.skillId(), skillNames.get(g.skillId())), g.previousLevel(),
                        g.currentLevel(), 1)).toList()));
            }
        }
        Aggregates aggregates = team.aggregates();
        List<GrowthRow> teamGrowth = aggregates == null || !aggregates.available() ? List.of()
                : aggregates.growth().stream().map(g -> GrowthRow.of(Formats.skillName(g.skillId(), g.skillName()),
                        g.averagePrevious(), g.averageCurrent(), g.people())).toList();
        return new TeamView(team.teamSize(), summary(aggregates), cards, heatMap(rows, details, aggregates, skillNames),
                teamGrowth, growth);
    }

    static MemberCard card(MemberRow row, MemberDetail detail, ZoneId zone, LocalDate today) {
        List<String> gaps = row.topGaps().stream().map(TeamView::gap).toList();
        if (row.activePlan() == null) {
            return new MemberCard(row.personId(), name(row), row.department(), false, null, 0, 0, 0, 0, null, gaps,
                    Formats.ago(row.lastActivityAt(), zone, today));
        }
        PlanDetail plan = detail == null ? null : detail.plans().stream()
                .filter(p -> p.planId().equals(row.activePlan().planId())).findFirst().orElse(null);
        int total = plan == null ? 0 : plan.steps().size();
        int done = plan == null ? 0 : (int) plan.steps().stream().filter(s -> s.done()).count();
        return new MemberCard(row.personId(), name(row), row.department(), true,
                Formats.words(row.activePlan().status()), row.activePlan().progressPercent(), done, total,
                row.activePlan().overdueSteps(), Formats.date(row.activePlan().nextDueOn()), gaps,
                Formats.ago(row.lastActivityAt(), zone, today));
    }

    private static String gap(Gap g) {
        String skill = Formats.skillName(g.skillId(), g.skillName());
        return g.targetLevel() == null ? skill + ": " + Formats.level(g.currentLevel())
                : skill + ": " + Formats.level(g.currentLevel()) + " of " + Formats.level(g.targetLevel());
    }

    private static String name(MemberRow row) {
        return row.displayName() == null ? "(name not known yet)" : row.displayName();
    }

    private static List<String> summary(Aggregates a) {
        if (a == null) {
            return List.of();
        }
        if (!a.available()) {
            return List.of("Team averages are not shown: " + a.reason() + ".");
        }
        List<String> lines = new ArrayList<>();
        if (a.averageProgressPercent() != null) {
            lines.add("Average progress on active plans: " + a.averageProgressPercent() + "\u00a0%");
        }
        lines.add("Overdue steps across the team: " + (a.overdueSteps() == null ? 0 : a.overdueSteps()));
        return lines;
    }

    private static Map<String, String> skillNames(Iterable<MemberDetail> details) {
        Map<String, String> names = new LinkedHashMap<>();
        for (MemberDetail d : details) {
            d.levels().forEach(l -> names.putIfAbsent(l.skillId(), Formats.skillName(l.skillId(), l.skillName())));
        }
        return names;
    }

    /**
     * People by skill, widest average gap first (the team's priorities on the left), then by name; the team's
     * average as the last row when the service offers it.
     */
    static HeatMap heatMap(List<MemberRow> rows, Map<String, MemberDetail> details, Aggregates aggregates,
                           Map<String, String> skillNames) {
        Map<String, double[]> gapSums = new LinkedHashMap<>();
        List<HeatMap.Row> heatRows = new ArrayList<>();
        for (MemberRow r : rows) {
            MemberDetail d = details.get(r.personId());
            if (d == null || d.levels().isEmpty()) {
                continue;
            }
            Map<String, HeatMap.Level> levels = new LinkedHashMap<>();
            for (Gap l : d.levels()) {
                levels.put(l.skillId(), new HeatMap.Level(l.currentLevel(), l.targetLevel()));
                double[] sum = gapSums.computeIfAbsent(l.skillId(), k -> new double[2]);
                sum[0] += l.targetLevel() == null ? 0 : Math.max(0, l.targetLevel() - l.currentLevel());
                sum[1]++;
            }
            heatRows.add(new HeatMap.Row(name(r), false, levels));
        }
        List<HeatMap.Skill> skills = gapSums.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[0] / e.getValue()[1])
                        .thenComparing(e -> skillNames.getOrDefault(e.getKey(), e.getKey())))
                .map(e -> new HeatMap.Skill(e.getKey(), skillNames.getOrDefault(e.getKey(), Formats.words(e.getKey()))))
                .toList();
        if (aggregates != null && aggregates.available() && !heatRows.isEmpty()) {
            Map<String, HeatMap.Level> averages = new LinkedHashMap<>();
            for (SkillCell c : aggregates.heatMap()) {
                averages.put(c.skillId(), new HeatMap.Level(c.averageCurrent(), c.averageTarget()));
            }
            heatRows.add(new HeatMap.Row("Team average", true, averages));
        }
        return new HeatMap("Team skill heat map: current and target level per person and skill", skills, heatRows);
    }
}
