package cafe.barista.messaging;

import cafe.barista.TicketService;
import cafe.events.OrderCanceled;
import cafe.events.OrderPlaced;
import cafe.messaging.inbox.EventEffects;
import cafe.messaging.inbox.Inbox;
import cafe.messaging.inbox.InboxConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Turns the order lifecycle into tickets: placed → queued, canceled → ticket cancelled. Each event once. */
@Singleton
public class OrderEventsConsumer extends InboxConsumer {

    OrderEventsConsumer(TicketService tickets, Inbox inbox) {
        super(inbox, EventEffects.of(OrderPlaced.class, tickets::queue).and(OrderCanceled.class, tickets::cancel));
    }

    @Incoming("orders")
    public Uni<Void> consume(Message<String> message) {
        return deliver(message);
    }
}
