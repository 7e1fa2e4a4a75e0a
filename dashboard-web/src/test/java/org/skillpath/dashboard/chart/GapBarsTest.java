package org.skillpath.dashboard.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class GapBarsTest {

    @Test
    void eachBarIsNamedWithItsNumbersAndDrawnToOneScale() throws Exception {
        GapBars chart = new GapBars("Gaps", List.of(new GapBars.Bar("Budgeting", 1.5, 4.0, 3),
                new GapBars.Bar("Active listening", 3.0, 3.5, 1)));

        Document doc = HeatMapTest.parse(chart.svg());

        assertThat(HeatMapTest.cellLabels(doc)).containsExactly(
                "Budgeting: average gap 2.5 (current 1.5, target 4.0, 3 people)",
                "Active listening: average gap 0.5 (current 3.0, target 3.5, 1 person)");
        NodeList rects = doc.getElementsByTagName("rect");
        // the background, then one bar per skill: 2.5 and 0.5 of at most 5 levels over 260 px
        assertThat(((Element) rects.item(1)).getAttribute("width")).isEqualTo("130");
        assertThat(((Element) rects.item(2)).getAttribute("width")).isEqualTo("26");
        assertThat(chart.svg()).contains(">2.5<", ">0.5<");
    }

    @Test
    void aTargetBelowTheCurrentLevelIsNoGap() {
        assertThat(new GapBars.Bar("x", 4.0, 3.0, 2).gap()).isZero();
    }

    @Test
    void skillNamesAreEscaped() throws Exception {
        String svg = new GapBars("t", List.of(new GapBars.Bar("<img src=x onerror=alert(1)>", 1, 2, 3))).svg();
        assertThat(svg).doesNotContain("<img");
        HeatMapTest.parse(svg);
    }
}
