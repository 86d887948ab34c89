package cafe.status.listener;

import cafe.messaging.inbox.EventHandler;
import cafe.messaging.inbox.ReceivedEvent;
import cafe.status.OrderStatusService;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds every lifecycle event, from each of the three topics, into the status view: a channel's records
 * a poll at a time ({@code batch=true}), each poll in one transaction (see {@link BatchConsumer}); an
 * event that comes alone (over HTTP, or replayed from a dead-letter topic) in a transaction of its own.
 */
@ApplicationScoped
public class LifecycleListener implements EventHandler {

    private final OrderStatusService statuses;
    private final BatchConsumer batches;

    LifecycleListener(OrderStatusService statuses, BatchConsumer batches) {
        this.statuses = statuses;
        this.batches = batches;
    }

    @Incoming("orders")
    public Uni<Void> fromOrders(KafkaRecordBatch<String, String> batch) {
        return batches.consume("orders", batch);
    }

    @Incoming("payments")
    public Uni<Void> fromPayments(KafkaRecordBatch<String, String> batch) {
        return batches.consume("payments", batch);
    }

    @Incoming("barista")
    public Uni<Void> fromBarista(KafkaRecordBatch<String, String> batch) {
        return batches.consume("barista", batch);
    }

    @Override
    public Uni<Void> apply(ReceivedEvent event) {
        return statuses.apply(event).replaceWithVoid();
    }
}
