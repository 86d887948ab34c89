package cafe.payment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The charge of one order; there is at most one per order. */
@Entity
@Table(name = "payment")
public class Payment {

    @Id
    public UUID id;

    @Column(name = "order_id")
    public UUID orderId;

    public long amount;
    public String currency;

    @Enumerated(EnumType.STRING)
    public PaymentStatus status;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "refunded_at")
    public Instant refundedAt;

    /** A new payment of the order, decided now. */
    public static Payment of(UUID orderId, long amount, String currency, PaymentStatus status) {
        Payment payment = new Payment();
        payment.id = UUID.randomUUID();
        payment.orderId = orderId;
        payment.amount = amount;
        payment.currency = currency;
        payment.status = status;
        payment.createdAt = Instant.now();
        return payment;
    }
}
