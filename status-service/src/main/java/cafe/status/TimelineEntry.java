package cafe.status;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** One step of an order's history: which event, and when it happened. */
@RegisterForReflection
public record TimelineEntry(String event, Instant at) {}
