package cafe.order;

import cafe.order.config.OrderConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Settles orders left PAYMENT_PENDING (a crash or an unanswered charge between charging and
 * recording the answer) by asking payment for the truth: a charge found places the order, with its
 * event; none rejects it. Safe with several replicas: settling locks the order and only moves it
 * while it is still pending, so at most one replica emits the event.
 */
@ApplicationScoped
public class PaymentReconciler {

    private static final int BATCH = 100;

    private final OrderService orders;
    private final OrderConfig config;

    PaymentReconciler(OrderService orders, OrderConfig config) {
        this.orders = orders;
        this.config = config;
    }

    @Scheduled(
            every = "${cafe.order.reconcile-every}",
            delayed = "${cafe.order.reconcile-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reconcileOnSchedule() {
        return reconcile().replaceWithVoid();
    }

    /** Settles the stale pending orders it can; emits how many were settled. */
    public Uni<Integer> reconcile() {
        Instant cutoff = Instant.now().minus(config.reconcileAfter());
        return orders.stalePending(cutoff, BATCH)
                .onItem()
                .transformToMulti(stale -> Multi.createFrom().iterable(stale))
                .onItem()
                .transformToUniAndConcatenate(this::settleByPayment)
                .collect()
                .with(java.util.stream.Collectors.summingInt(settled -> settled ? 1 : 0));
    }

    private Uni<Boolean> settleByPayment(Order pending) {
        UUID orderId = pending.id;
        return orders.reconcile(pending)
                .invoke(order -> Log.infof("order %s reconciled: %s", orderId, order.status))
                .replaceWith(true)
                .onFailure()
                .recoverWithItem(failure -> {
                    Log.warnf("order %s not reconciled yet: %s", orderId, failure.getMessage());
                    return false;
                });
    }
}
