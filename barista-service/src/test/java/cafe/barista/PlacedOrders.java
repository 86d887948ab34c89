package cafe.barista;

import static org.awaitility.Awaitility.await;

import cafe.events.EventCodec;
import cafe.events.OrderPlaced;
import cafe.events.Topics;
import cafe.testing.KafkaEvents;
import cafe.testing.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A paid order as barista receives it, on the orders topic, and the ticket it becomes. */
final class PlacedOrders {

    private PlacedOrders() {}

    /** Publishes an order placed by {@code customerId}, called {@code customerName}; returns its id. */
    static UUID send(String customerId, String customerName, String item, int qty, long amount) {
        UUID orderId = UUID.randomUUID();
        KafkaEvents.send(
                Topics.ORDERS,
                orderId.toString(),
                UUID.randomUUID().toString(),
                "cafe.order.placed",
                EventCodec.toJson(new OrderPlaced(
                        orderId,
                        customerId,
                        customerName,
                        1,
                        item,
                        qty,
                        amount,
                        "EUR",
                        UUID.randomUUID(),
                        Instant.now())));
        return orderId;
    }

    /** The id of the order's ticket, once barista has queued it. */
    static String ticketOf(UUID orderId) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> Sql.text("barista", "select id::text from ticket where order_id = ?", orderId),
                        id -> id != null);
    }
}
