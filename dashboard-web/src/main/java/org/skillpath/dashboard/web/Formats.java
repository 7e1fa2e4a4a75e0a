package org.skillpath.dashboard.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** How dates, levels and the services' codes read on the pages (British English, like the rest of Skillpath). */
public final class Formats {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

    private Formats() {
    }

    public static String date(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    public static String date(Instant instant, ZoneId zone) {
        return instant == null ? "" : DATE.format(instant.atZone(zone).toLocalDate());
    }

    /** "today", "yesterday", "3 days ago", or the date once it is more than four weeks back. */
    public static String ago(Instant instant, ZoneId zone, LocalDate today) {
        if (instant == null) {
            return "no activity yet";
        }
        LocalDate day = instant.atZone(zone).toLocalDate();
        long days = ChronoUnit.DAYS.between(day, today);
        if (days <= 0) {
            return "today";
        }
        if (days == 1) {
            return "yesterday";
        }
        return days <= 28 ? days + " days ago" : date(day);
    }

    public static String level(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** A signed change: "+0.5", "-1.0", "0.0". */
    public static String change(double value) {
        return (value > 0.05 ? "+" : "") + level(value);
    }

    /** An enum-like code as words: {@code NOT_STARTED} → "Not started". */
    public static String words(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        String lower = code.replace('_', ' ').replace('-', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    /** A skill's name when no service named it: {@code conflict-resolution} → "Conflict resolution". */
    public static String skillName(String skillId, String knownName) {
        return knownName != null && !knownName.isBlank() ? knownName : words(skillId);
    }
}
