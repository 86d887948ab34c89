package cafe.testing;

import cafe.events.BrewCanceled;
import cafe.events.BrewStarted;
import cafe.events.CancelRefused;
import cafe.events.CoffeeReady;
import cafe.events.DrinkHandedOver;
import cafe.events.OrderCancelRequested;
import cafe.events.OrderCanceled;
import cafe.events.OrderPlaced;
import cafe.events.PaymentRefunded;
import java.time.Instant;
import java.util.UUID;

/**
 * An order of a test and the events of its life, each naming the same order, customer, payment and ticket:
 * "an order with these events". It is one Espresso (menu item 1) for 250 EUR cents, placed at {@code
 * placedAt}; each later step happens a second after the one before it, so the events keep their order
 * whatever order they are delivered in.
 */
public record AnOrder(UUID id, String customer, UUID payment, UUID ticket, Instant placedAt) {

    public static final long AMOUNT = 250;

    /** A new order of the customer, placed now. */
    public static AnOrder of(String customer) {
        return new AnOrder(UUID.randomUUID(), customer, UUID.randomUUID(), UUID.randomUUID(), Instant.now());
    }

    public OrderPlaced placed() {
        return new OrderPlaced(id, customer, null, 1, "Espresso", 1, AMOUNT, "EUR", payment, placedAt);
    }

    public BrewStarted brewStarted() {
        return new BrewStarted(id, ticket, step(1));
    }

    public CoffeeReady coffeeReady() {
        return new CoffeeReady(id, ticket, step(2));
    }

    public DrinkHandedOver handedOver() {
        return new DrinkHandedOver(id, ticket, step(3));
    }

    public OrderCancelRequested cancelRequested() {
        return new OrderCancelRequested(id, customer, step(1));
    }

    public BrewCanceled brewCanceled() {
        return new BrewCanceled(id, ticket, step(2));
    }

    public CancelRefused cancelRefused() {
        return new CancelRefused(id, ticket, step(3));
    }

    public OrderCanceled canceled() {
        return new OrderCanceled(id, customer, payment, step(3));
    }

    public PaymentRefunded refunded() {
        return new PaymentRefunded(id, payment, AMOUNT, "EUR", step(4));
    }

    private Instant step(int seconds) {
        return placedAt.plusSeconds(seconds);
    }
}
