package cafe.events;

import java.util.List;
import java.util.Map;

/**
 * The Kafka topics of the order lifecycle, and the dead-letter topic of each service that consumes them
 * ({@code cafe.dead-letters.topic}).
 */
public final class Topics {

    public static final String ORDERS = "cafe-orders";
    public static final String PAYMENTS = "cafe-payments";
    public static final String BARISTA = "cafe-barista";
    public static final List<String> ALL = List.of(ORDERS, PAYMENTS, BARISTA);

    /** The one service that writes each topic: the only source its events may name. */
    private static final Map<String, String> OWNERS =
            Map.of(ORDERS, "order-service", PAYMENTS, "payment-service", BARISTA, "barista-service");

    private Topics() {}

    public static String ownerOf(String topic) {
        String owner = OWNERS.get(topic);
        if (owner == null) {
            throw new IllegalArgumentException("Not a topic of the lifecycle: " + topic);
        }
        return owner;
    }

    public static String deadLetterOf(String service) {
        return "cafe-" + service + "-dlq";
    }
}
