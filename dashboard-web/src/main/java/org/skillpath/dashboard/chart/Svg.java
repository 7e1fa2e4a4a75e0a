package org.skillpath.dashboard.chart;

import java.util.Locale;

/** Small helpers for writing SVG by hand: every text that came from a service is escaped here. */
final class Svg {

    private Svg() {
    }

    /** Escapes text for XML content and attribute values (names are typed in by people). */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // XML 1.0 has no place for other control characters
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Levels are shown with one decimal, in every locale the same way. */
    static String level(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Shortens a label to fit a column; the full text stays in the element's accessible name. */
    static String fit(String text, int maxChars) {
        if (text == null || text.length() <= maxChars) {
            return text == null ? "" : text;
        }
        return text.substring(0, Math.max(1, maxChars - 1)).stripTrailing() + "\u2026";
    }
}
