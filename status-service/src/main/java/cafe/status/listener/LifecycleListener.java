package cafe.status.listener;

import cafe.messaging.inbox.EventConsumer;
import cafe.status.OrderStatusService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Feeds every lifecycle event, from all three topics, into the status view. */
@ApplicationScoped
public class LifecycleListener {

    private final OrderStatusService statuses;

    LifecycleListener(OrderStatusService statuses) {
        this.statuses = statuses;
    }

    @Incoming("lifecycle")
    public Uni<Void> consume(Message<String> message) {
        return EventConsumer.consume(message, event -> statuses.apply(event).replaceWithVoid());
    }
}
