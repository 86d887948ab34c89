package cafe.events;

import java.util.List;

/**
 * The Kafka topics of the order lifecycle, and the dead-letter topic of each service that consumes them
 * ({@code cafe.dead-letters.topic}).
 */
public final class Topics {

    public static final String ORDERS = "cafe-orders";
    public static final String PAYMENTS = "cafe-payments";
    public static final String BARISTA = "cafe-barista";
    public static final List<String> ALL = List.of(ORDERS, PAYMENTS, BARISTA);

    private Topics() {}

    public static String deadLetterOf(String service) {
        return "cafe-" + service + "-dlq";
    }
}
