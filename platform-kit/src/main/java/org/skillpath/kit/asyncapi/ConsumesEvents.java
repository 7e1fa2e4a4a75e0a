package org.skillpath.kit.asyncapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares, on a consumer bean, the binding it serves and the event types it acts on (types it ignores are
 * not listed). The topic and group come from the binder configuration of that binding.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ConsumesEvents {

    /** The function binding, e.g. {@code planEvents-in-0}. */
    String binding();

    String[] types();
}
