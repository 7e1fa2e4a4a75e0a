package org.skillpath.plan.catalog;

import org.skillpath.kit.security.Caller;
import org.skillpath.kit.security.Callers;

/**
 * The catalog is read by every person of the organisation and written by its L&D admins or by an integration
 * client with {@code catalog:write} (an L&D platform syncing it), which may read back what it syncs. Other clients
 * have no business here.
 */
final class CatalogAccess {

    static final String WRITE_SCOPE = "catalog:write";

    private CatalogAccess() {
    }

    static Caller requireReader(Caller caller) {
        if (caller.isPerson() || caller.hasScope(WRITE_SCOPE)) {
            return caller;
        }
        throw Callers.forbidden("requires a person's token or the scope " + WRITE_SCOPE);
    }

    static Caller requireWriter() {
        return Callers.requireScopeOrRole(WRITE_SCOPE, Caller.LD_ADMIN);
    }
}
