package org.skillpath.notification.preferences;

/** Quiet hours on the wire: {@code HH:mm} local times in the person's time zone; equal values switch them off. */
public record QuietHoursBody(String start, String end) {
}
