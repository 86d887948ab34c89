package cafe.events;

import java.util.Arrays;

/** The CloudEvents types of the system, each with the topic it travels on and its payload record. */
public enum EventType {
    ORDER_PLACED("cafe.order.placed", Topics.ORDERS, OrderPlaced.class),
    ORDER_CANCEL_REQUESTED("cafe.order.cancel-requested", Topics.ORDERS, OrderCancelRequested.class),
    ORDER_CANCELED("cafe.order.canceled", Topics.ORDERS, OrderCanceled.class),
    PAYMENT_REFUNDED("cafe.payment.refunded", Topics.PAYMENTS, PaymentRefunded.class),
    BREW_STARTED("cafe.barista.brew-started", Topics.BARISTA, BrewStarted.class),
    COFFEE_READY("cafe.barista.coffee-ready", Topics.BARISTA, CoffeeReady.class),
    DRINK_HANDED_OVER("cafe.barista.handed-over", Topics.BARISTA, DrinkHandedOver.class),
    BREW_CANCELED("cafe.barista.brew-canceled", Topics.BARISTA, BrewCanceled.class),
    CANCEL_REFUSED("cafe.barista.cancel-refused", Topics.BARISTA, CancelRefused.class);

    private final String ceType;
    private final String topic;
    private final Class<? extends CafeEvent> payload;

    EventType(String ceType, String topic, Class<? extends CafeEvent> payload) {
        this.ceType = ceType;
        this.topic = topic;
        this.payload = payload;
    }

    public String ceType() {
        return ceType;
    }

    public String topic() {
        return topic;
    }

    /** The CloudEvents source of this type: its topic's owner, {@code /order-service} for instance. */
    public String source() {
        return "/" + Topics.ownerOf(topic);
    }

    public Class<? extends CafeEvent> payload() {
        return payload;
    }

    public static EventType of(Class<? extends CafeEvent> payload) {
        return Arrays.stream(values())
                .filter(t -> t.payload == payload)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No event type for " + payload.getSimpleName()));
    }

    public static EventType ofCeType(String ceType) {
        return Arrays.stream(values())
                .filter(t -> t.ceType.equals(ceType))
                .findFirst()
                .orElseThrow(() -> new UnknownEventException("Unknown event type: " + ceType));
    }
}
