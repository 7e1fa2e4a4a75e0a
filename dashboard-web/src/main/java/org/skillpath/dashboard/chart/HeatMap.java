package org.skillpath.dashboard.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A skill heat map: one row per person (and optionally the team's average), one column per skill, each cell
 * the current level against the target, filled by the size of the gap, with both numbers written inside.
 * Rendered as inline SVG on the server; every cell is an image with its own accessible name, so a screen
 * reader can walk the cells, and the page offers the same values as a table.
 */
public record HeatMap(String title, List<Skill> skills, List<Row> rows) {

    private static final int LABEL_W = 170;
    private static final int CELL_W = 104;
    private static final int CELL_H = 40;
    private static final int HEADER_H = 52;
    private static final int GAP = 2;
    private static final int LEGEND_LINE = 22;
    private static final int HEADER_CHARS = 14;

    public record Skill(String id, String name) {
    }

    /** @param target null for a strength: the role asks no more of it */
    public record Level(double current, Double target) {
    }

    /** @param levels by skill id; a skill missing here has no level reported for the row */
    public record Row(String label, boolean average, Map<String, Level> levels) {

        /** The cell's text for one skill, as in the chart. */
        public String text(String skillId) {
            return cellText(levels.get(skillId));
        }
    }

    public HeatMap {
        skills = List.copyOf(skills);
        rows = List.copyOf(rows);
    }

    public boolean isEmpty() {
        return skills.isEmpty() || rows.isEmpty();
    }

    public int width() {
        return Math.max(LABEL_W + skills.size() * CELL_W, 340);
    }

    public int height() {
        return HEADER_H + rows.size() * CELL_H + 16 + (Palette.LEGEND.size() + 1) * LEGEND_LINE;
    }

    /** What a screen reader announces for one cell. */
    public static String describe(String row, Skill skill, Level level) {
        String where = row + ", " + skill.name() + ": ";
        if (level == null) {
            return where + "no level reported";
        }
        if (level.target() == null) {
            return where + "current " + Svg.level(level.current()) + ", no target (a strength)";
        }
        double gap = level.target() - level.current();
        return where + "current " + Svg.level(level.current()) + ", target " + Svg.level(level.target())
                + (gap > 0 ? ", gap " + Svg.level(gap) : ", target met");
    }

    /** The cell's visible text: current / target. */
    public static String cellText(Level level) {
        if (level == null) {
            return "\u2013";
        }
        return Svg.level(level.current()) + " / " + (level.target() == null ? "\u2014" : Svg.level(level.target()));
    }

    public String svg() {
        StringBuilder s = new StringBuilder();
        String id = "heatmap";
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart heatmap\" role=\"group\" width=\"")
                .append(width()).append("\" height=\"").append(height()).append("\" viewBox=\"0 0 ").append(width())
                .append(' ').append(height()).append("\" aria-labelledby=\"").append(id).append("-title\">");
        s.append("<title id=\"").append(id).append("-title\">").append(Svg.escape(title)).append("</title>");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"").append(Palette.BACKGROUND).append("\"/>");
        s.append("<g font-family=\"system-ui, sans-serif\" fill=\"").append(Palette.TEXT).append("\">");
        header(s);
        for (int r = 0; r < rows.size(); r++) {
            row(s, rows.get(r), HEADER_H + r * CELL_H);
        }
        legend(s, HEADER_H + rows.size() * CELL_H + 16);
        s.append("</g></svg>");
        return s.toString();
    }

    private void header(StringBuilder s) {
        for (int c = 0; c < skills.size(); c++) {
            Skill skill = skills.get(c);
            int x = LABEL_W + c * CELL_W + CELL_W / 2;
            List<String> lines = wrap(skill.name());
            int y = HEADER_H - 10 - (lines.size() - 1) * 16;
            s.append("<text x=\"").append(x).append("\" y=\"").append(y)
                    .append("\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"600\" aria-hidden=\"true\">");
            for (int i = 0; i < lines.size(); i++) {
                s.append("<tspan x=\"").append(x).append("\" dy=\"").append(i == 0 ? 0 : 16).append("\">")
                        .append(Svg.escape(lines.get(i))).append("</tspan>");
            }
            s.append("</text>");
        }
    }

    private void row(StringBuilder s, Row row, int y) {
        s.append("<text x=\"4\" y=\"").append(y + CELL_H / 2 + 5).append("\" font-size=\"14\"")
                .append(row.average() ? " font-weight=\"700\"" : "").append(" aria-hidden=\"true\">")
                .append(Svg.escape(Svg.fit(row.label(), 20))).append("</text>");
        for (int c = 0; c < skills.size(); c++) {
            Skill skill = skills.get(c);
            Level level = row.levels().get(skill.id());
            Palette.Band band = level == null ? Palette.Band.NONE : Palette.Band.of(level.current(), level.target());
            String label = Svg.escape(describe(row.label(), skill, level));
            int x = LABEL_W + c * CELL_W;
            s.append("<g role=\"img\" aria-label=\"").append(label).append("\"><title>").append(label).append("</title>");
            s.append("<rect x=\"").append(x + GAP).append("\" y=\"").append(y + GAP).append("\" width=\"")
                    .append(CELL_W - 2 * GAP).append("\" height=\"").append(CELL_H - 2 * GAP).append("\" rx=\"3\" fill=\"")
                    .append(band.fill).append("\" stroke=\"").append(Palette.GRID).append("\" stroke-width=\"0.5\"/>");
            s.append("<text x=\"").append(x + CELL_W / 2).append("\" y=\"").append(y + CELL_H / 2 + 5)
                    .append("\" text-anchor=\"middle\" font-size=\"14\"").append(row.average() ? " font-weight=\"700\"" : "")
                    .append(">").append(Svg.escape(cellText(level))).append("</text></g>");
        }
    }

    private void legend(StringBuilder s, int y) {
        s.append("<g class=\"legend\">");
        s.append("<text x=\"4\" y=\"").append(y + 14).append("\" font-size=\"13\">")
                .append("Each cell: current level / target level (0\u20135)</text>");
        for (int i = 0; i < Palette.LEGEND.size(); i++) {
            Palette.Band band = Palette.LEGEND.get(i);
            int ly = y + (i + 1) * LEGEND_LINE;
            s.append("<rect x=\"4\" y=\"").append(ly + 2).append("\" width=\"18\" height=\"14\" rx=\"2\" fill=\"")
                    .append(band.fill).append("\" stroke=\"").append(Palette.GRID).append("\" stroke-width=\"0.5\"/>");
            s.append("<text x=\"30\" y=\"").append(ly + 14).append("\" font-size=\"13\">")
                    .append(Svg.escape(band.meaning)).append("</text>");
        }
        s.append("</g>");
    }

    /** At most two lines of a column's width; the accessible names carry the full skill name. */
    static List<String> wrap(String name) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : (name == null ? "" : name).split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > HEADER_CHARS) {
                lines.add(line.toString());
                line = new StringBuilder();
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        if (lines.size() > 2) {
            String rest = String.join(" ", lines.subList(1, lines.size()));
            return List.of(lines.get(0), Svg.fit(rest, HEADER_CHARS));
        }
        return lines.stream().map(l -> Svg.fit(l, HEADER_CHARS)).toList();
    }
}
