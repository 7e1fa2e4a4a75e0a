package org.skillpath.dashboard.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HeatMapTest {

    static final HeatMap.Skill BUDGETING = new HeatMap.Skill("budgeting", "Budgeting");
    static final HeatMap.Skill LISTENING = new HeatMap.Skill("active-listening", "Active listening");

    static HeatMap.Row row(String label, Object... idCurrentTarget) {
        Map<String, HeatMap.Level> levels = new LinkedHashMap<>();
        for (int i = 0; i < idCurrentTarget.length; i += 3) {
            levels.put((String) idCurrentTarget[i], new HeatMap.Level((Double) idCurrentTarget[i + 1],
                    (Double) idCurrentTarget[i + 2]));
        }
        return new HeatMap.Row(label, false, levels);
    }

    static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** The accessible names of the cells (and bars), in document order. */
    static List<String> cellLabels(Document doc) {
        NodeList groups = doc.getElementsByTagName("g");
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if ("img".equals(g.getAttribute("role"))) {
                labels.add(g.getAttribute("aria-label"));
            }
        }
        return labels;
    }

    @Test
    void everyCellIsAnImageNamedWithPersonSkillAndLevelsAndShowsBothNumbers() throws Exception {
        HeatMap map = new HeatMap("Team skills", List.of(BUDGETING, LISTENING), List.of(
                row("Alice", "budgeting", 2.0, 4.0, "active-listening", 4.5, null),
                row("Dave", "budgeting", 3.5, 3.0)));

        Document doc = parse(map.svg());

        assertThat(doc.getDocumentElement().getAttribute("role")).isEqualTo("group");
        assertThat(doc.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("Team skills");
        assertThat(cellLabels(doc)).containsExactly(
                "Alice, Budgeting: current 2.0, target 4.0, gap 2.0",
                "Alice, Active listening: current 4.5, no target (a strength)",
                "Dave, Budgeting: current 3.5, target 3.0, target met",
                "Dave, Active listening: no level reported");
        assertThat(map.svg()).contains(">2.0 / 4.0<", ">4.5 / \u2014<", ">3.5 / 3.0<", ">\u2013<");
    }

    @Test
    void cellsAreFilledByTheWidthOfTheGap() {
        assertThat(Palette.Band.of(4.0, 4.0)).isEqualTo(Palette.Band.MET);
        assertThat(Palette.Band.of(4.5, null)).isEqualTo(Palette.Band.MET);
        assertThat(Palette.Band.of(3.0, 4.0)).isEqualTo(Palette.Band.SMALL);
        assertThat(Palette.Band.of(2.5, 4.0)).isEqualTo(Palette.Band.MEDIUM);
        assertThat(Palette.Band.of(2.0, 4.0)).isEqualTo(Palette.Band.MEDIUM);
        assertThat(Palette.Band.of(1.5, 4.0)).isEqualTo(Palette.Band.LARGE);
        assertThat(Palette.Band.of(null, 4.0)).isEqualTo(Palette.Band.NONE);

        String svg = new HeatMap("t", List.of(BUDGETING), List.of(row("Alice", "budgeting", 1.0, 4.0))).svg();
        assertThat(svg).contains("fill=\"" + Palette.Band.LARGE.fill + "\"");
    }

    @Test
    void theLegendNamesEveryBandInWords() throws Exception {
        Document doc = parse(new HeatMap("t", List.of(BUDGETING), List.of(row("Alice", "budgeting", 1.0, 4.0))).svg());
        String legend = ((Element) doc.getElementsByTagName("g").item(doc.getElementsByTagName("g").getLength() - 1))
                .getTextContent();
        assertThat(legend).contains("current level / target level", "at or above target", "gap up to 1 level",
                "gap over 1, up to 2 levels", "gap over 2 levels", "no level reported");
    }

    @Test
    void namesFromPeopleAreEscaped() throws Exception {
        HeatMap map = new HeatMap("<b>team</b>", List.of(new HeatMap.Skill("x", "R&D \"quality\"")),
                List.of(row("<script>alert(1)</script>", "x", 1.0, 2.0)));

        String svg = map.svg();

        assertThat(svg).doesNotContain("<script>", "<b>");
        Document doc = parse(svg);
        assertThat(cellLabels(doc)).containsExactly("<script>alert(1)</script>, R&D \"quality\": current 1.0, target 2.0, gap 1.0");
    }

    @Test
    void growsWithSkillsAndRowsAndKeepsRoomForTheLegend() {
        HeatMap small = new HeatMap("t", List.of(BUDGETING), List.of(row("A", "budgeting", 1.0, 2.0)));
        HeatMap wide = new HeatMap("t", List.of(BUDGETING, LISTENING, new HeatMap.Skill("c", "C"),
                new HeatMap.Skill("d", "D")), List.of(row("A"), row("B")));

        assertThat(small.width()).isEqualTo(340);
        assertThat(wide.width()).isGreaterThan(small.width());
        assertThat(wide.height()).isGreaterThan(small.height());
        assertThat(small.isEmpty()).isFalse();
        assertThat(new HeatMap("t", List.of(), List.of(row("A"))).isEmpty()).isTrue();
    }

    @Test
    void longSkillNamesWrapOnTwoLines() {
        assertThat(HeatMap.wrap("Budgeting")).containsExactly("Budgeting");
        assertThat(HeatMap.wrap("Giving and receiving feedback")).containsExactly("Giving and", "receiving fee\u2026");
        assertThat(HeatMap.wrap("Conflict resolution")).containsExactly("Conflict", "resolution");
    }
}
