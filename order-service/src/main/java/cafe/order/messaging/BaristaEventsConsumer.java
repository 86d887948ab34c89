package cafe.order.messaging;

import cafe.events.BrewStarted;
import cafe.events.CoffeeReady;
import cafe.messaging.inbox.EventConsumer;
import cafe.messaging.inbox.EventHandler;
import cafe.messaging.inbox.ReceivedEvent;
import cafe.order.OrderService;
import cafe.order.OrderStatus;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The order follows the barista: brew started → BREWING, coffee ready → READY. Each event once, in one
 * statement with the record of its id (not through InboxConsumer, whose transaction would cost four).
 */
@Singleton
public class BaristaEventsConsumer implements EventHandler {

    private final OrderService orders;

    BaristaEventsConsumer(OrderService orders) {
        this.orders = orders;
    }

    @Override
    public Uni<Void> apply(ReceivedEvent event) {
        return switch (event.payload()) {
            case BrewStarted started -> orders.follow(event, started.orderId(), OrderStatus.BREWING);
            case CoffeeReady ready -> orders.follow(event, ready.orderId(), OrderStatus.READY);
            default -> Uni.createFrom().voidItem();
        };
    }

    @Incoming("barista")
    public Uni<Void> consume(Message<String> message) {
        return EventConsumer.consume(message, this::apply);
    }
}
