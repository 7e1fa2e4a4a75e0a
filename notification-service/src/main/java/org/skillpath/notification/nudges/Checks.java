package org.skillpath.notification.nudges;

import org.skillpath.kit.events.InboundEvent;
import org.skillpath.kit.events.PoisonEventException;
import org.skillpath.notification.recipients.RecipientRepository;

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

    /**
     * No person the event names may be stored under another organisation than the event's: that is a producer
     * bug or a forgery, and acting on it would mail, or tell a manager about, another tenant's person.
     */
    static void sameOrgAsStored(InboundEvent event, RecipientRepository recipients, String... personIds) {
        for (String personId : personIds) {
            if (personId != null && recipients.existsByPersonIdAndOrgIdNot(personId, event.orgId())) {
                throw new PoisonEventException("organisation mismatch: " + event.type() + " " + event.id() + " of "
                        + event.orgId() + " names person " + personId + ", who belongs to another organisation");
            }
        }
    }
}
