package org.skillpath.dashboard.chart;

import java.util.List;

/**
 * Average gap per skill (target minus current) as horizontal bars, widest gap first, each bar labelled with its
 * value; every bar is an image with its own accessible name, and the page shows the same numbers as a table.
 */
public record GapBars(String title, List<Bar> bars) {

    private static final int LABEL_W = 180;
    private static final int BAR_AREA = 260;
    private static final int ROW_H = 30;
    private static final int TOP = 28;
    /** Levels run 0-5, so no gap is wider than 5: every chart shares one scale. */
    private static final double MAX_GAP = 5.0;

    public record Bar(String skill, double averageCurrent, double averageTarget, int people) {
        public double gap() {
            return Math.max(0, averageTarget - averageCurrent);
        }
    }

    public GapBars {
        bars = List.copyOf(bars);
    }

    public boolean isEmpty() {
        return bars.isEmpty();
    }

    public int width() {
        return LABEL_W + BAR_AREA + 60;
    }

    public int height() {
        return TOP + bars.size() * ROW_H + 8;
    }

    public static String describe(Bar bar) {
        return bar.skill() + ": average gap " + Svg.level(bar.gap()) + " (current " + Svg.level(bar.averageCurrent())
                + ", target " + Svg.level(bar.averageTarget()) + ", " + bar.people()
                + (bar.people() == 1 ? " person)" : " people)");
    }

    public String svg() {
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bars\" role=\"group\" width=\"").append(width())
                .append("\" height=\"").append(height()).append("\" viewBox=\"0 0 ").append(width()).append(' ')
                .append(height()).append("\" aria-labelledby=\"gapbars-title\">");
        s.append("<title id=\"gapbars-title\">").append(Svg.escape(title)).append("</title>");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"").append(Palette.BACKGROUND).append("\"/>");
        s.append("<g font-family=\"system-ui, sans-serif\" fill=\"").append(Palette.TEXT).append("\" font-size=\"14\">");
        s.append("<text x=\"").append(LABEL_W).append("\" y=\"16\" font-size=\"13\">Average gap in levels (0\u20135)</text>");
        s.append("<line x1=\"").append(LABEL_W).append("\" y1=\"").append(TOP - 4).append("\" x2=\"").append(LABEL_W)
                .append("\" y2=\"").append(height() - 4).append("\" stroke=\"").append(Palette.GRID).append("\"/>");
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = TOP + i * ROW_H;
            int w = (int) Math.round(bar.gap() / MAX_GAP * BAR_AREA);
            String label = Svg.escape(describe(bar));
            s.append("<g role=\"img\" aria-label=\"").append(label).append("\"><title>").append(label).append("</title>");
            s.append("<text x=\"4\" y=\"").append(y + 19).append("\">").append(Svg.escape(Svg.fit(bar.skill(), 22)))
                    .append("</text>");
            s.append("<rect x=\"").append(LABEL_W).append("\" y=\"").append(y + 5).append("\" width=\"").append(w)
                    .append("\" height=\"").append(ROW_H - 10).append("\" fill=\"").append(Palette.BAR).append("\"/>");
            s.append("<text x=\"").append(LABEL_W + w + 6).append("\" y=\"").append(y + 19).append("\">")
                    .append(Svg.level(bar.gap())).append("</text></g>");
        }
        s.append("</g></svg>");
        return s.toString();
    }
}
