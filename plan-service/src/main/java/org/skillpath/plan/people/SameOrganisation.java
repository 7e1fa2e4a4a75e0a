package org.skillpath.plan.people;

import java.util.Optional;

import org.skillpath.kit.events.InboundEvent;
import org.skillpath.kit.events.PoisonEventException;

/**
 * Consumers' re-check of the tenant: an event naming a stored person or plan of another organisation than its own
 * can never be applied (it would move or change another tenant's data), so it is dead-lettered, changing nothing.
 */
public final class SameOrganisation {

    private SameOrganisation() {
    }

    /** @param storedOrg the organisation the entity is stored for; empty when it is not stored (nothing to cross) */
    public static void require(InboundEvent event, String what, String id, Optional<String> storedOrg) {
        if (storedOrg.isPresent() && !storedOrg.get().equals(event.orgId())) {
            throw new PoisonEventException("organisation mismatch: event " + event.id() + " of organisation "
                    + event.orgId() + " names " + what + " " + id + ", stored for another organisation");
        }
    }
}
