package cafe.events;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/** The barista dropped the ticket of a cancelled order (a drink already made is discarded). */
@RegisterForReflection
public record BrewCanceled(UUID orderId, UUID ticketId, Instant canceledAt) implements CafeEvent {}
