package cafe.events;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/** The barista started making the order's coffee. */
@RegisterForReflection
public record BrewStarted(UUID orderId, UUID ticketId, Instant startedAt) implements CafeEvent {

    @Override
    public Instant occurredAt() {
        return startedAt;
    }
}
