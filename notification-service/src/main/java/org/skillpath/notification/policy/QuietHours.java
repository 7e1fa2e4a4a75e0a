package org.skillpath.notification.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The daily window in which a person gets no reminders, in their own time zone: {@code [start, end)}, wrapping
 * midnight when start is after end (the default 20:00-08:00). Equal bounds mean no quiet hours at all.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    public static final QuietHours DEFAULT = new QuietHours(LocalTime.of(20, 0), LocalTime.of(8, 0));

    public QuietHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    public boolean disabled() {
        return start.equals(end);
    }

    public boolean contains(LocalTime t) {
        if (disabled()) {
            return false;
        }
        return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
    }

    /** {@code now} when it is outside the window, else the window's end: the next allowed moment. */
    public Instant nextAllowed(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        if (!contains(local.toLocalTime())) {
            return now;
        }
        LocalDate day = local.toLocalDate();
        // Inside a wrapping window before midnight, the window ends tomorrow; after midnight, today.
        if (start.isAfter(end) && !local.toLocalTime().isBefore(start)) {
            day = day.plusDays(1);
        }
        // A DST gap at the end moves it forward (ZonedDateTime.of does); it never lands inside the window.
        Instant endsAt = ZonedDateTime.of(day, end, zone).toInstant();
        return endsAt.isAfter(now) ? endsAt : now;
    }

    /** The local time of day a digest goes out: when the quiet hours end (or 08:00 without quiet hours). */
    public LocalTime morning() {
        return disabled() ? DEFAULT.end() : end;
    }
}
