package cafe.events;

import java.util.List;

/** The Kafka topics of the order lifecycle; each has a dead-letter topic named {@code <topic>-dlq}. */
public final class Topics {

    public static final String ORDERS = "cafe-orders";
    public static final String PAYMENTS = "cafe-payments";
    public static final String BARISTA = "cafe-barista";
    public static final List<String> ALL = List.of(ORDERS, PAYMENTS, BARISTA);

    private Topics() {}

    public static String deadLetter(String topic) {
        return topic + "-dlq";
    }
}
