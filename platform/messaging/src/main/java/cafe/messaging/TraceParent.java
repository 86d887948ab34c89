package cafe.messaging;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The OpenTelemetry context as a W3C {@code traceparent} string, for work that leaves the process
 * and comes back later: an outbox row is written in one transaction and published by the relay in
 * another, so the row carries the trace it belongs to.
 */
public final class TraceParent {

    private static final String HEADER = "traceparent";
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceParent() {}

    /** The traceparent of the current span, or null outside a sampled or valid trace. */
    public static String current() {
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(Context.current(), carrier, Map::put);
        return carrier.get(HEADER);
    }

    /** The context a traceparent stands for; the root context when there is none. */
    public static Context restore(String traceParent) {
        if (traceParent == null) {
            return Context.root();
        }
        return W3C.extract(Context.root(), Collections.singletonMap(HEADER, traceParent), GETTER);
    }
}
