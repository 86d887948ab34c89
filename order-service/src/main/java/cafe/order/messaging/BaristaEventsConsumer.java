package cafe.order.messaging;

import cafe.events.BrewStarted;
import cafe.events.CoffeeReady;
import cafe.messaging.inbox.EventEffects;
import cafe.messaging.inbox.Inbox;
import cafe.messaging.inbox.InboxConsumer;
import cafe.order.OrderService;
import cafe.order.OrderStatus;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The order follows the barista: brew started → BREWING, coffee ready → READY. Each event once. */
@Singleton
public class BaristaEventsConsumer extends InboxConsumer {

    BaristaEventsConsumer(OrderService orders, Inbox inbox) {
        super(
                inbox,
                EventEffects.of(BrewStarted.class, started -> orders.follow(started.orderId(), OrderStatus.BREWING))
                        .and(CoffeeReady.class, ready -> orders.follow(ready.orderId(), OrderStatus.READY)));
    }

    @Incoming("barista")
    public Uni<Void> consume(Message<String> message) {
        return deliver(message);
    }
}
