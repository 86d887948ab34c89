package cafe.payment.messaging;

import cafe.events.OrderCanceled;
import cafe.messaging.inbox.EventConsumer;
import cafe.messaging.inbox.EventHandler;
import cafe.messaging.inbox.Inbox;
import cafe.messaging.inbox.ReceivedEvent;
import cafe.payment.PaymentService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Refunds cancelled orders, exactly once per order however often the event arrives. */
@ApplicationScoped
public class OrderEventsConsumer implements EventHandler {

    private final PaymentService payments;
    private final Inbox inbox;

    OrderEventsConsumer(PaymentService payments, Inbox inbox) {
        this.payments = payments;
        this.inbox = inbox;
    }

    @Incoming("orders")
    public Uni<Void> consume(Message<String> message) {
        return EventConsumer.consume(message, this::apply);
    }

    @Override
    public Uni<Void> apply(ReceivedEvent event) {
        return inbox.applyOnce(event, received -> received.payload() instanceof OrderCanceled canceled
                ? payments.refund(canceled.orderId())
                : Uni.createFrom().voidItem());
    }
}
