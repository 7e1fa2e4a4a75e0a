package org.skillpath.assessment.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The kinds of caller an endpoint accepts at all: any person of the organisation, people with one of the roles,
 * or integration clients with one of the scopes. {@link CallerGate} refuses everyone else (403, naming what is
 * required) before the handler runs and before a mass action's budget is charged. Which person, plan or
 * assessment a caller may touch is decided by the feature itself, on the {@code Caller}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface AllowedCallers {

    /** Every person of the organisation (whatever their roles); object-level rules narrow it down. */
    boolean anyPerson() default false;

    /** People with one of these roles. */
    String[] roles() default {};

    /** Integration clients with one of these scopes. */
    String[] scopes() default {};
}
