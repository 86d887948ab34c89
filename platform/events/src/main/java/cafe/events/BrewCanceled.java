package cafe.events;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * The barista accepted a cancel and dropped the order's ticket; no ticket (its order never reached the
 * barista) when the cancel came first. The order is then cancelled and refunded.
 */
@RegisterForReflection
public record BrewCanceled(UUID orderId, UUID ticketId, Instant canceledAt) implements CafeEvent {

    @Override
    public Instant occurredAt() {
        return canceledAt;
    }
}
