package cafe.payment.repository;

import cafe.payment.Payment;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Payments in the payments database, through Panache: the reads, and the lock a refund or a void takes
 * inside its transaction. The charge's insert is one statement of its own ({@link PaymentStatements}).
 */
@ApplicationScoped
public class PaymentRepository implements PanacheRepositoryBase<Payment, UUID> {

    @WithSession
    public Uni<Payment> findByOrder(UUID orderId) {
        return find("orderId", orderId).firstResult();
    }

    public Uni<Payment> lockByOrder(UUID orderId) {
        return find("orderId", orderId)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }
}
