package org.skillpath.dashboard.chart;

import java.util.List;

/**
 * The charts' colours. Text is always {@link #TEXT} on light fills, at least 4.5:1 on each of them (checked by
 * a test), and every fill also has its value written on it, so nothing is told by colour alone.
 */
public final class Palette {

    public static final String TEXT = "#1b1b1b";
    public static final String BACKGROUND = "#ffffff";
    public static final String GRID = "#6b6b6b";
    /** Bars: a graphical object, at least 3:1 against the background. */
    public static final String BAR = "#1f5fa8";

    /** The heat map's bands of gap (target minus current), from met to widest. */
    public enum Band {
        MET("#d4edda", "at or above target"),
        SMALL("#fff3bf", "gap up to 1 level"),
        MEDIUM("#ffd8a8", "gap over 1, up to 2 levels"),
        LARGE("#f8c4c4", "gap over 2 levels"),
        NONE("#eeeeee", "no level reported");

        public final String fill;
        public final String meaning;

        Band(String fill, String meaning) {
            this.fill = fill;
            this.meaning = meaning;
        }

        /** The band of a level; no target means a strength the role does not ask more of. */
        public static Band of(Double current, Double target) {
            if (current == null) {
                return NONE;
            }
            if (target == null || target - current <= 0) {
                return MET;
            }
            double gap = target - current;
            return gap <= 1 ? SMALL : gap <= 2 ? MEDIUM : LARGE;
        }
    }

    public static final List<Band> LEGEND = List.of(Band.MET, Band.SMALL, Band.MEDIUM, Band.LARGE, Band.NONE);

    private Palette() {
    }
}
