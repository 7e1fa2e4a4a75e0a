package org.skillpath.kit.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a mass action (requesting assessments, bulk imports, catalog syncs): each organisation may call it at
 * most {@code skillpath.limits.mass-actions.<value>-per-minute} times a minute (default
 * {@code skillpath.limits.mass-actions-per-minute}, 60), in bursts up to that number; beyond it the caller gets
 * 429 with {@code Retry-After}. One organisation's burst never slows another's.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RateLimited {

    /** The action's name, shared by the endpoints that count against the same budget. */
    String value();
}
