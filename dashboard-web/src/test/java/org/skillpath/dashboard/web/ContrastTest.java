package org.skillpath.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.skillpath.dashboard.chart.Palette;

/** WCAG 2.x contrast of every colour pair the pages and charts put together. */
class ContrastTest {

    static final Map<String, String> CSS = cssColours();

    @ParameterizedTest(name = "{0} on {1} at least {2}:1")
    @CsvSource({
            "text, bg, 4.5", "muted, bg, 4.5", "link, bg, 4.5", "warning, bg, 4.5",
            "text, surface, 4.5", "muted, surface, 4.5", "link, surface, 4.5", "warning, surface, 4.5",
            "header-text, header-bg, 4.5", "button-text, button-bg, 4.5",
            "text, success-bg, 4.5", "text, failure-bg, 4.5", "text, info-bg, 4.5", "link, info-bg, 4.5",
            // borders of inputs and cards, the focus ring: non-text contrast
            "border, bg, 3", "border, surface, 3", "focus, bg, 3", "focus, surface, 3",
    })
    void pagePairs(String foreground, String background, double minimum) {
        assertThat(ratio(css(foreground), css(background))).isGreaterThanOrEqualTo(minimum);
    }

    @Test
    void chartTextOnEveryHeatMapBand() {
        for (Palette.Band band : Palette.Band.values()) {
            assertThat(ratio(Palette.TEXT, band.fill)).as(band.name()).isGreaterThanOrEqualTo(4.5);
        }
        assertThat(ratio(Palette.TEXT, Palette.BACKGROUND)).isGreaterThanOrEqualTo(4.5);
        assertThat(ratio(Palette.BAR, Palette.BACKGROUND)).isGreaterThanOrEqualTo(3);
        assertThat(ratio(Palette.GRID, Palette.BACKGROUND)).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theFormulaMatchesKnownValues() {
        assertThat(ratio("#000000", "#ffffff")).isEqualTo(21.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(ratio("#777777", "#ffffff")).isEqualTo(4.48, org.assertj.core.data.Offset.offset(0.01));
    }

    static String css(String name) {
        String value = CSS.get(name);
        assertThat(value).as("--" + name + " in dashboard.css").isNotNull();
        return value;
    }

    static double ratio(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return 0.2126 * channel(rgb >> 16 & 0xff) + 0.7152 * channel(rgb >> 8 & 0xff) + 0.0722 * channel(rgb & 0xff);
    }

    static double channel(int value) {
        double c = value / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    static Map<String, String> cssColours() {
        try (InputStream in = ContrastTest.class.getResourceAsStream("/dashboard/static/css/dashboard.css")) {
            String css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> colours = new HashMap<>();
            Matcher m = Pattern.compile("--([a-z-]+):\\s*(#[0-9a-fA-F]{6})\\s*;").matcher(css);
            while (m.find()) {
                colours.put(m.group(1), m.group(2));
            }
            return colours;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
