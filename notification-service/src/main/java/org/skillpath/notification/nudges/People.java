package org.skillpath.notification.nudges;

/**
 * Who is who, when a mail is rendered: names and addresses are read at send time from the recipients (never
 * copied into a nudge), so an erased person's name never reaches a mail or the delivery log.
 */
public interface People {

    /** No one is known: templates fall back to neutral wording. */
    People NONE = new People() {
        @Override
        public String nameOf(String personId) {
            return null;
        }

        @Override
        public String emailOf(String personId) {
            return null;
        }
    };

    /** The display name, or null when the person is unknown or erased. */
    String nameOf(String personId);

    /** The address, or null when the person is unknown or erased. */
    String emailOf(String personId);
}
