package cafe.events;

import java.util.UUID;

/** A fact of the order lifecycle; every event belongs to one order, whose id is the Kafka key. */
public sealed interface CafeEvent
        permits OrderPlaced, OrderCanceled, PaymentRefunded, BrewStarted, CoffeeReady, BrewCanceled {

    UUID orderId();

    default EventType type() {
        return EventType.of(getClass());
    }
}
