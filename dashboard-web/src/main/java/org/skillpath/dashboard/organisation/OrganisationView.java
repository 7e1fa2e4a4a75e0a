package org.skillpath.dashboard.organisation;

import java.util.Comparator;
import java.util.List;

import org.skillpath.dashboard.api.Dashboards.Aggregates;
import org.skillpath.dashboard.api.Dashboards.OrganisationOverview;
import org.skillpath.dashboard.chart.GapBars;
import org.skillpath.dashboard.web.Formats;
import org.skillpath.dashboard.web.GrowthRow;

/**
 * The organisation's gaps by skill (widest first, as bars and as a table) and growth, from progress-service's
 * organisation aggregates; when the group is too small to aggregate, only why.
 *
 * @param withheld the service's reason for showing no aggregates, or null
 */
public record OrganisationView(int people, String averageProgress, String overdueSteps, String withheld,
                               GapBars gaps, List<GrowthRow> growth) {

    public static OrganisationView of(OrganisationOverview overview) {
        Aggregates a = overview.aggregates();
        if (a == null || !a.available()) {
            return new OrganisationView(a == null ? 0 : a.people(), null, null,
                    a == null ? "the service sent no aggregates" : a.reason(),
                    new GapBars("Average gap by skill", List.of()), List.of());
        }
        List<GapBars.Bar> bars = a.heatMap().stream().filter(c -> c.averageTarget() != null)
                .map(c -> new GapBars.Bar(Formats.skillName(c.skillId(), c.skillName()), c.averageCurrent(),
                        c.averageTarget(), c.people()))
                .sorted(Comparator.comparingDouble(GapBars.Bar::gap).reversed().thenComparing(GapBars.Bar::skill))
                .toList();
        List<GrowthRow> growth = a.growth().stream().map(g -> GrowthRow.of(Formats.skillName(g.skillId(), g.skillName()),
                g.averagePrevious(), g.averageCurrent(), g.people())).toList();
        return new OrganisationView(a.people(),
                a.averageProgressPercent() == null ? "no active plans" : a.averageProgressPercent() + "\u00a0%",
                String.valueOf(a.overdueSteps() == null ? 0 : a.overdueSteps()), null,
                new GapBars("Average gap by skill, widest first", bars), growth);
    }
}
