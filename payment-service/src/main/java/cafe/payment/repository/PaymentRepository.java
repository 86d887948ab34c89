package cafe.payment.repository;

import cafe.payment.Payment;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** Payments in the payments database. */
@ApplicationScoped
@WithSession
public class PaymentRepository implements PanacheRepositoryBase<Payment, UUID> {

    private static final String INSERT_ONCE = "insert into payment (id, order_id, amount, currency, status, created_at)"
            + " values (:id, :orderId, :amount, :currency, :status, :createdAt) on conflict (order_id) do nothing";

    public Uni<Payment> findByOrder(UUID orderId) {
        return find("orderId", orderId).firstResult();
    }

    public Uni<Payment> lockByOrder(UUID orderId) {
        return find("orderId", orderId)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    /** Inserts the payment unless the order already has one; the unique constraint decides under concurrency. */
    public Uni<Payment> insertOnce(Payment payment) {
        return getSession()
                .chain(session -> session.createNativeQuery(INSERT_ONCE)
                        .setParameter("id", payment.id)
                        .setParameter("orderId", payment.orderId)
                        .setParameter("amount", payment.amount)
                        .setParameter("currency", payment.currency)
                        .setParameter("status", payment.status.name())
                        .setParameter("createdAt", payment.createdAt)
                        .executeUpdate())
                .chain(() -> findByOrder(payment.orderId));
    }

    public static Payment newPayment(UUID orderId, long amount, String currency, cafe.payment.PaymentStatus status) {
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
