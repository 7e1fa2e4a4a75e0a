package org.skillpath.progress.lrscredentials;

import java.security.Principal;

import org.skillpath.kit.security.Caller;
import org.skillpath.kit.security.CallerPrincipal;

/** An L&D platform authenticated by its LRS credentials: to controllers, a client of its organisation. */
record LrsClient(Caller caller) implements CallerPrincipal, Principal {

    @Override
    public String getName() {
        return caller.subject();
    }
}
