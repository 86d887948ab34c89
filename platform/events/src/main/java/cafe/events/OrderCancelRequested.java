package cafe.events;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * The customer asked to cancel a placed order. The barista decides: the ticket is dropped (brew canceled,
 * then the order is cancelled and refunded) or, when the drink is ready, the cancel is refused.
 */
@RegisterForReflection
public record OrderCancelRequested(UUID orderId, String customerId, Instant requestedAt) implements CafeEvent {

    @Override
    public Instant occurredAt() {
        return requestedAt;
    }
}
