package org.skillpath.kit.security;

/**
 * A principal that knows its {@link Caller}: how a service's own authentication (e.g. xAPI Basic credentials
 * checked against hashed secrets) joins the token-based one, so controllers see one kind of caller.
 */
public interface CallerPrincipal {

    Caller caller();
}
