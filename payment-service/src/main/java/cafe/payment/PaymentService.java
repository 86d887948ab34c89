package cafe.payment;

import cafe.events.PaymentRefunded;
import cafe.messaging.outbox.Outbox;
import cafe.payment.repository.PaymentRepository;
import cafe.payment.repository.PaymentStatements;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** Charges orders, once per order whatever the number of requests. */
@ApplicationScoped
public class PaymentService {

    private final PaymentRepository payments;
    private final PaymentStatements statements;
    private final ProcessorSimulation processor;
    private final Outbox outbox;

    PaymentService(
            PaymentRepository payments, PaymentStatements statements, ProcessorSimulation processor, Outbox outbox) {
        this.payments = payments;
        this.statements = statements;
        this.processor = processor;
        this.outbox = outbox;
    }

    public Uni<Payment> charge(ChargeRequest request) {
        return processor.process(() -> statements
                .insertOnce(Payment.of(
                        request.orderId(), request.amount(), request.currency(), processor.decide(request.amount())))
                .invoke(payment -> Log.infof(
                        "order %s charged: %s %d %s (payment %s)",
                        payment.orderId, payment.status, payment.amount, payment.currency, payment.id)));
    }

    /**
     * Settles an order that its owner stopped waiting for: records VOIDED for it unless a charge got there
     * first, and answers what the order's payment is now. Payment is the arbiter, so a charge still in
     * flight either committed before (APPROVED is answered, the order is placed) or finds the order voided
     * (it is declined); never both.
     */
    public Uni<Payment> voidCharge(ChargeRequest request) {
        return statements
                .insertOnce(Payment.of(request.orderId(), request.amount(), request.currency(), PaymentStatus.VOIDED))
                .invoke(payment -> Log.infof("order %s voided: its payment is %s", payment.orderId, payment.status));
    }

    /**
     * Refunds the order's charge once: only an APPROVED payment becomes REFUNDED, with its event in
     * the same transaction. Call inside the consumer's transaction.
     */
    public Uni<Void> refund(UUID orderId) {
        return payments.lockByOrder(orderId).chain(payment -> {
            if (payment == null || payment.status != PaymentStatus.APPROVED) {
                Log.infof("order %s: nothing to refund (%s)", orderId, payment == null ? "no charge" : payment.status);
                return Uni.createFrom().voidItem();
            }
            payment.status = PaymentStatus.REFUNDED;
            payment.refundedAt = Instant.now();
            Log.infof("order %s refunded: %d %s (payment %s)", orderId, payment.amount, payment.currency, payment.id);
            return outbox.append(
                    new PaymentRefunded(orderId, payment.id, payment.amount, payment.currency, payment.refundedAt));
        });
    }

    @WithSession
    public Uni<Payment> findByOrder(UUID orderId) {
        return payments.findByOrder(orderId);
    }
}
