package org.skillpath.kit.asyncapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares, on the class that raises them, the event types a service publishes on a topic. The service's
 * AsyncAPI description is generated from these declarations and compared with contracts/asyncapi.yaml.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(ProducesEvents.List.class)
public @interface ProducesEvents {

    /** The topic, e.g. {@code skillpath.plan.v1}. */
    String topic();

    /** CloudEvents types, e.g. {@code org.skillpath.plan.created}. */
    String[] types();

    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @interface List {
        ProducesEvents[] value();
    }
}
