package org.skillpath.kit.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects the caller's organisation (tenant) into a controller method's {@code String} parameter. Resolved in
 * one place ({@link CurrentOrgResolver}), never from a request body.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface CurrentOrg {
}
