package cafe.events;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/** The order's coffee is ready to be picked up. */
@RegisterForReflection
public record CoffeeReady(UUID orderId, UUID ticketId, Instant readyAt) implements CafeEvent {

    @Override
    public Instant occurredAt() {
        return readyAt;
    }
}
