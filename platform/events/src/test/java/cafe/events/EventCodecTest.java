package cafe.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static final UUID ORDER = UUID.fromString("0b3c6f0e-3f5e-4c1e-9d55-1f2b9c7c1a01");
    private static final Instant AT = Instant.parse("2026-11-26T08:15:30.123456Z");

    @Test
    void anEventReadsBackAsTheSameRecordWithItsTypeAndTopic() {
        OrderPlaced placed = new OrderPlaced(ORDER, "c-1", null, 2, "Cappuccino", 2, 700, "EUR", UUID.randomUUID(), AT);

        CafeEvent read = EventCodec.fromJson("cafe.order.placed", EventCodec.toJson(placed));

        assertEquals(placed, read);
        assertEquals(EventType.ORDER_PLACED, read.type());
        assertEquals(Topics.ORDERS, read.type().topic());
    }

    @Test
    void instantsAreWrittenAsIsoTextNotNumbers() {
        String json = EventCodec.toJson(new CoffeeReady(ORDER, UUID.randomUUID(), AT));

        assertTrue(json.contains("\"readyAt\":\"2026-11-26T08:15:30.123456Z\""), json);
    }

    @Test
    void aFieldThisVersionDoesNotKnowIsIgnored() {
        String json = "{\"orderId\":\"" + ORDER + "\",\"ticketId\":\"" + UUID.randomUUID() + "\",\"startedAt\":\"" + AT
                + "\",\"station\":2}";

        assertEquals(
                ORDER, EventCodec.fromJson("cafe.barista.brew-started", json).orderId());
    }

    @Test
    void anUnknownTypeIsRefused() {
        UnknownEventException refused =
                assertThrows(UnknownEventException.class, () -> EventCodec.fromJson("cafe.order.teleported", "{}"));

        assertTrue(refused.getMessage().contains("cafe.order.teleported"), refused.getMessage());
    }

    @Test
    void dataWithoutAnOrderIdIsRefused() {
        assertThrows(
                UnknownEventException.class,
                () -> EventCodec.fromJson("cafe.barista.coffee-ready", "{\"readyAt\":\"" + AT + "\"}"));
    }

    @Test
    void aMissingNumberIsRefusedRatherThanReadAsZero() {
        String json = "{\"orderId\":\"" + ORDER + "\",\"paymentId\":\"" + UUID.randomUUID()
                + "\",\"currency\":\"EUR\",\"refundedAt\":\"" + AT + "\"}";

        assertThrows(UnknownEventException.class, () -> EventCodec.fromJson("cafe.payment.refunded", json));
    }

    @Test
    void malformedJsonIsRefused() {
        assertThrows(UnknownEventException.class, () -> EventCodec.fromJson("cafe.order.placed", "{not json"));
    }

    @Test
    void everyRecordHasExactlyOneType() {
        for (EventType type : EventType.values()) {
            assertEquals(type, EventType.of(type.payload()));
            assertEquals(type, EventType.ofCeType(type.ceType()));
        }
    }
}
