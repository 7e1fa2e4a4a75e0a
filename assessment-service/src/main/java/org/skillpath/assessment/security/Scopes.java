package org.skillpath.assessment.security;

/** The integration clients' scopes this service honours (see the token contract). */
public final class Scopes {

    /** SCIM provisioning and bulk import; a provisioning client reads what it writes, so it may read too. */
    public static final String PEOPLE_WRITE = "people:write";
    public static final String PEOPLE_READ = "people:read";
    /** Framework and role profile import (IMS CASE) and maintenance. */
    public static final String FRAMEWORKS_WRITE = "frameworks:write";

    private Scopes() {
    }
}
