package cafe.status;

import java.time.Instant;

/** One step of an order's history: which event, and when it happened. */
public record TimelineEntry(String event, Instant at) {
}
