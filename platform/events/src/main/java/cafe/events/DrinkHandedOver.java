package cafe.events;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/** The barista gave the ready drink to its customer: the order is done. */
@RegisterForReflection
public record DrinkHandedOver(UUID orderId, UUID ticketId, Instant handedOverAt) implements CafeEvent {

    @Override
    public Instant occurredAt() {
        return handedOverAt;
    }
}
