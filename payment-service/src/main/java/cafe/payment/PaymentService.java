package cafe.payment;

import cafe.payment.config.PaymentConfig;
import cafe.payment.repository.PaymentRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Charges orders, once per order whatever the number of requests. */
@ApplicationScoped
public class PaymentService {

    private final PaymentRepository payments;
    private final ProcessorSimulation processor;
    private final PaymentConfig config;

    PaymentService(PaymentRepository payments, ProcessorSimulation processor, PaymentConfig config) {
        this.payments = payments;
        this.processor = processor;
        this.config = config;
    }

    public Uni<Payment> charge(ChargeRequest request) {
        return processor.process(() -> Panache.withTransaction(() -> payments.insertOnce(PaymentRepository.newPayment(
                        request.orderId(), request.amount(), request.currency(), decide(request.amount()))))
                .invoke(payment -> Log.infof("order %s charged: %s %d %s (payment %s)", payment.orderId, payment.status,
                        payment.amount, payment.currency, payment.id)));
    }

    @WithSession
    public Uni<Payment> findByOrder(UUID orderId) {
        return payments.findByOrder(orderId);
    }

    private PaymentStatus decide(long amount) {
        return amount > config.declineAbove() ? PaymentStatus.DECLINED : PaymentStatus.APPROVED;
    }
}
