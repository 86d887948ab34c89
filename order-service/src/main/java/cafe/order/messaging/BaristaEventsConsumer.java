package cafe.order.messaging;

import cafe.events.BrewStarted;
import cafe.events.CoffeeReady;
import cafe.messaging.inbox.EventConsumer;
import cafe.messaging.inbox.EventHandler;
import cafe.messaging.inbox.Inbox;
import cafe.messaging.inbox.ReceivedEvent;
import cafe.order.OrderService;
import cafe.order.OrderStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The order follows the barista: brew started → BREWING, coffee ready → READY. Each event once. */
@ApplicationScoped
public class BaristaEventsConsumer implements EventHandler {

    private final OrderService orders;
    private final Inbox inbox;

    BaristaEventsConsumer(OrderService orders, Inbox inbox) {
        this.orders = orders;
        this.inbox = inbox;
    }

    @Incoming("barista")
    public Uni<Void> consume(Message<String> message) {
        return EventConsumer.consume(message, this::apply);
    }

    @Override
    public Uni<Void> apply(ReceivedEvent event) {
        return inbox.applyOnce(event, this::follow);
    }

    private Uni<Void> follow(ReceivedEvent event) {
        if (event.payload() instanceof BrewStarted started) {
            return orders.follow(started.orderId(), OrderStatus.BREWING);
        }
        if (event.payload() instanceof CoffeeReady ready) {
            return orders.follow(ready.orderId(), OrderStatus.READY);
        }
        return Uni.createFrom().voidItem();
    }
}
