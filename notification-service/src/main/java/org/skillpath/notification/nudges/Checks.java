package org.skillpath.notification.nudges;

import org.skillpath.kit.events.InboundEvent;
import org.skillpath.kit.events.PoisonEventException;

/** The checks every consumed event passes before it can cause a nudge; a failure is poison (dead letter). */
final class Checks {

    private Checks() {
    }

    /** Each {name, value} pair must have a non-blank value. */
    static void required(InboundEvent event, String... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            if (value == null || value.isBlank()) {
                throw new PoisonEventException(event.type() + " " + event.id() + " lacks " + namesAndValues[i]);
            }
        }
    }

    /** The tenant in the data must be the CloudEvent's: a mismatch is a producer bug, never guessed around. */
    static void sameOrg(InboundEvent event, String orgId) {
        if (!event.orgId().equals(orgId)) {
            throw new PoisonEventException(event.type() + " " + event.id() + " carries orgId " + orgId
                    + " but its CloudEvent says " + event.orgId());
        }
    }
}
