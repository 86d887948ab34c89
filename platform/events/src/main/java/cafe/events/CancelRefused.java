package cafe.events;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/** The barista refused a cancel because the drink was already ready: the order stays READY and paid. */
@RegisterForReflection
public record CancelRefused(UUID orderId, UUID ticketId, Instant refusedAt) implements CafeEvent {

    @Override
    public Instant occurredAt() {
        return refusedAt;
    }
}
