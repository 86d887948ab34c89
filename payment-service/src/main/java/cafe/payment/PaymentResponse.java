package cafe.payment;

import java.time.Instant;
import java.util.UUID;

/** A payment as the API shows it. */
public record PaymentResponse(
        UUID id,
        UUID orderId,
        long amount,
        String currency,
        PaymentStatus status,
        Instant createdAt,
        Instant refundedAt) {

    public static PaymentResponse of(Payment payment) {
        return new PaymentResponse(
                payment.id,
                payment.orderId,
                payment.amount,
                payment.currency,
                payment.status,
                payment.createdAt,
                payment.refundedAt);
    }
}
