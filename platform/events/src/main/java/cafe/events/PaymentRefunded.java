package cafe.events;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/** The charge of a cancelled order was paid back. */
@RegisterForReflection
public record PaymentRefunded(UUID orderId, UUID paymentId, long amount, String currency, Instant refundedAt)
        implements CafeEvent {

    @Override
    public Instant occurredAt() {
        return refundedAt;
    }
}
