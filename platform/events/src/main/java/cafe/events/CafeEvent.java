package cafe.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A fact of the order lifecycle; every event belongs to one order, whose id is the Kafka key. The type is
 * sealed and consumers switch over it without a default, so a new event type does not compile until every
 * consumer says what it does with it.
 */
public sealed interface CafeEvent
        permits OrderPlaced,
                OrderCancelRequested,
                OrderCanceled,
                PaymentRefunded,
                BrewStarted,
                CoffeeReady,
                DrinkHandedOver,
                BrewCanceled,
                CancelRefused {

    UUID orderId();

    /** When it happened, by the clock of the service that decided it. */
    Instant occurredAt();

    default EventType type() {
        return EventType.of(getClass());
    }
}
