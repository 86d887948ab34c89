package cafe.events;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * A paid order: the barista may make it. Published only after the payment was approved. {@code customerName}
 * is what the barista calls out (null when the customer's token named nobody).
 */
@RegisterForReflection
public record OrderPlaced(
        UUID orderId,
        String customerId,
        String customerName,
        int menuId,
        String item,
        int qty,
        long amount,
        String currency,
        UUID paymentId,
        Instant placedAt)
        implements CafeEvent {

    @Override
    public Instant occurredAt() {
        return placedAt;
    }
}
