package cafe.payment.messaging;

import cafe.events.OrderCanceled;
import cafe.messaging.inbox.EventEffects;
import cafe.messaging.inbox.Inbox;
import cafe.messaging.inbox.InboxConsumer;
import cafe.payment.PaymentService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Refunds cancelled orders, exactly once per order however often the event arrives. */
@Singleton
public class OrderEventsConsumer extends InboxConsumer {

    OrderEventsConsumer(PaymentService payments, Inbox inbox) {
        super(inbox, EventEffects.of(OrderCanceled.class, canceled -> payments.refund(canceled.orderId())));
    }

    @Incoming("orders")
    public Uni<Void> consume(Message<String> message) {
        return deliver(message);
    }
}
