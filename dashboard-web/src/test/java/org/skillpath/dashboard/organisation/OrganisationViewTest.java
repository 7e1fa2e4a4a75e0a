package org.skillpath.dashboard.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.skillpath.dashboard.api.Dashboards.Aggregates;
import org.skillpath.dashboard.api.Dashboards.OrganisationOverview;
import org.skillpath.dashboard.api.Dashboards.Page;
import org.skillpath.dashboard.api.Dashboards.SkillCell;
import org.skillpath.dashboard.chart.GapBars;

class OrganisationViewTest {

    @Test
    void gapsBySkillWidestFirstLeavingOutStrengths() {
        OrganisationView view = OrganisationView.of(new OrganisationOverview(new Aggregates(true, null, 5, null, 0,
                List.of(new SkillCell("listening", "Active listening", 3.5, 4.0, 3),
                        new SkillCell("budgeting", "Budgeting", 2.0, 4.0, 3),
                        new SkillCell("coding", "Coding", 4.5, null, 2)), List.of()), new Page<>(List.of(), 0, 20, 0, 0)));

        assertThat(view.withheld()).isNull();
        assertThat(view.people()).isEqualTo(5);
        assertThat(view.averageProgress()).isEqualTo("no active plans");
        assertThat(view.gaps().bars()).extracting(GapBars.Bar::skill).containsExactly("Budgeting", "Active listening");
        assertThat(view.growth()).isEmpty();
    }

    @Test
    void aGroupTooSmallShowsOnlyWhy() {
        OrganisationView view = OrganisationView.of(new OrganisationOverview(new Aggregates(false,
                "fewer than 3 people: aggregates would identify individuals", 2, null, null, null, null), null));

        assertThat(view.withheld()).isEqualTo("fewer than 3 people: aggregates would identify individuals");
        assertThat(view.gaps().isEmpty()).isTrue();
    }
}
