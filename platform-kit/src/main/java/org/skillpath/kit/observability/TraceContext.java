package org.skillpath.kit.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The W3C {@code traceparent} of the span current on this thread, if any. The outbox breaks the thread (the
 * relay publishes later, elsewhere), so an event captures it when raised and the relay sends it as the
 * record's {@code traceparent} header: one trace follows an assessment through every service.
 */
public final class TraceContext {

    private TraceContext() {
    }

    public static String currentTraceparent() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }
}
