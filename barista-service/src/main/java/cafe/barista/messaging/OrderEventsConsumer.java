package cafe.barista.messaging;

import cafe.barista.TicketService;
import cafe.events.OrderCanceled;
import cafe.events.OrderPlaced;
import cafe.messaging.inbox.EventConsumer;
import cafe.messaging.inbox.EventHandler;
import cafe.messaging.inbox.Inbox;
import cafe.messaging.inbox.ReceivedEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Turns the order lifecycle into tickets: placed → queued, canceled → ticket cancelled. Each event once. */
@ApplicationScoped
public class OrderEventsConsumer implements EventHandler {

    private final TicketService tickets;
    private final Inbox inbox;

    OrderEventsConsumer(TicketService tickets, Inbox inbox) {
        this.tickets = tickets;
        this.inbox = inbox;
    }

    @Incoming("orders")
    public Uni<Void> consume(Message<String> message) {
        return EventConsumer.consume(message, this::apply);
    }

    /** Applies one event exactly once, whether it came from Kafka or over HTTP. */
    @Override
    public Uni<Void> apply(ReceivedEvent event) {
        return inbox.applyOnce(event, this::dispatch);
    }

    private Uni<Void> dispatch(ReceivedEvent event) {
        if (event.payload() instanceof OrderPlaced placed) {
            return tickets.queue(placed);
        }
        if (event.payload() instanceof OrderCanceled canceled) {
            return tickets.cancel(canceled);
        }
        return Uni.createFrom().voidItem();
    }
}
