package cafe.status.listener;

import cafe.messaging.inbox.EventConsumer;
import cafe.messaging.inbox.EventHandler;
import cafe.messaging.inbox.ReceivedEvent;
import cafe.status.OrderStatusService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Feeds every lifecycle event, from each of the three topics, into the status view. */
@ApplicationScoped
public class LifecycleListener implements EventHandler {

    private final OrderStatusService statuses;

    LifecycleListener(OrderStatusService statuses) {
        this.statuses = statuses;
    }

    @Incoming("orders")
    public Uni<Void> fromOrders(Message<String> message) {
        return apply(message);
    }

    @Incoming("payments")
    public Uni<Void> fromPayments(Message<String> message) {
        return apply(message);
    }

    @Incoming("barista")
    public Uni<Void> fromBarista(Message<String> message) {
        return apply(message);
    }

    @Override
    public Uni<Void> apply(ReceivedEvent event) {
        return statuses.apply(event).replaceWithVoid();
    }

    private Uni<Void> apply(Message<String> message) {
        return EventConsumer.consume(message, this::apply);
    }
}
