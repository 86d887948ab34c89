package cafe.order.messaging;

import cafe.events.BrewCanceled;
import cafe.events.BrewStarted;
import cafe.events.CancelRefused;
import cafe.events.CoffeeReady;
import cafe.events.DrinkHandedOver;
import cafe.events.OrderCancelRequested;
import cafe.events.OrderCanceled;
import cafe.events.OrderPlaced;
import cafe.events.PaymentRefunded;
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
 * The order follows the barista: brew started → BREWING, coffee ready → READY, handed over → HANDED_OVER, and
 * the barista's answer to
 * a cancel: refused (the drink is ready) → READY, brew canceled → CANCELED. Each event once; the moves in
 * one statement with the record of its id (not through InboxConsumer, whose transaction would cost four),
 * the cancel, which writes its event, in the inbox's transaction.
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
            case CancelRefused refused -> orders.follow(event, refused.orderId(), OrderStatus.READY);
            case DrinkHandedOver handedOver -> orders.follow(event, handedOver.orderId(), OrderStatus.HANDED_OVER);
            case BrewCanceled canceled -> orders.cancelAccepted(event, canceled.orderId());
            case OrderPlaced _, OrderCancelRequested _, OrderCanceled _, PaymentRefunded _ -> notOnThisTopic();
        };
    }

    /** Not the barista's: cafe-barista never carries it. */
    private static Uni<Void> notOnThisTopic() {
        return Uni.createFrom().voidItem();
    }

    @Incoming("barista")
    public Uni<Void> consume(Message<String> message) {
        return EventConsumer.consume(message, this::apply);
    }
}
