package cafe.barista.messaging;

import cafe.barista.TicketService;
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
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Turns the order lifecycle into tickets, each event once: placed → queued, in one statement with the
 * inbox's record of the event (not through InboxConsumer, whose transaction would cost four more); a
 * cancel request → decided (ticket dropped, or refused when the drink is ready), in the inbox's
 * transaction. The order's own cancellation follows the barista's answer, so it needs nothing here.
 */
@Singleton
public class OrderEventsConsumer implements EventHandler {

    private final TicketService tickets;

    OrderEventsConsumer(TicketService tickets) {
        this.tickets = tickets;
    }

    @Override
    public Uni<Void> apply(ReceivedEvent event) {
        return switch (event.payload()) {
            case OrderPlaced placed -> tickets.queue(event, placed);
            case OrderCancelRequested request -> tickets.decideCancel(event, request);
            case OrderCanceled _,
                    PaymentRefunded _,
                    BrewStarted _,
                    CoffeeReady _,
                    DrinkHandedOver _,
                    BrewCanceled _,
                    CancelRefused _ -> Uni.createFrom().voidItem();
        };
    }

    @Incoming("orders")
    public Uni<Void> consume(Message<String> message) {
        return EventConsumer.consume(message, this::apply);
    }
}
