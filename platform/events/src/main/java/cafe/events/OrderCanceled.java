package cafe.events;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/** The customer cancelled a placed order: stop the coffee and refund the payment. */
@RegisterForReflection
public record OrderCanceled(UUID orderId, String customerId, UUID paymentId, Instant canceledAt) implements CafeEvent {}
