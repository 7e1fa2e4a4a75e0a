package org.skillpath.plan.people;

/**
 * Lets the access tests switch skip-level reading on the one shared context: a second context with the property
 * set would join the same consumer group and take records meant for the first.
 */
public final class SkipLevelSwitch {

    private SkipLevelSwitch() {
    }

    public static void set(PeopleAccess access, boolean allowed) {
        access.skipLevelRead(allowed);
    }
}
