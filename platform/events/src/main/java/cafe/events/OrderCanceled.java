package cafe.events;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/** The order is cancelled: the barista dropped its ticket, so the payment is refunded. */
@RegisterForReflection
public record OrderCanceled(UUID orderId, String customerId, UUID paymentId, Instant canceledAt) implements CafeEvent {

    @Override
    public Instant occurredAt() {
        return canceledAt;
    }
}
