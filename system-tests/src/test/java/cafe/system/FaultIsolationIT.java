package cafe.system;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cafe.stack.LocalStack;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Orders are taken 24/7: Kafka or the barista being away delays the coffee, never the order. */
class FaultIsolationIT {

    private final RunningSystem system = RunningSystem.shared();
    private final Cafe cafe = new Cafe(system);

    @Test
    void ordersAreTakenWhileKafkaIsDownAndEveryEventIsDeliveredWhenItReturns() {
        LocalStack stack = LocalStack.shared();
        // loud, never skipped: this test stops Kafka, which it may do only to a stack of its own
        assertTrue(
                stack.owned(),
                "FaultIsolationIT stops Kafka, so it needs a stack this test JVM started:"
                        + " stop `make run` / `make stack` (or move them with CAFE_POSTGRES_PORT/CAFE_KAFKA_PORT) and run again");

        stack.stopKafka();
        List<String> orders;
        try {
            orders = IntStream.range(0, 5)
                    .mapToObj(i -> cafe.order("c-no-kafka", 1, 1))
                    .peek(response -> assertThat(response.statusCode(), equalTo(201)))
                    .map(response -> response.<String>path("id"))
                    .toList();
        } finally {
            stack.startKafka();
        }

        orders.forEach(orderId -> {
            cafe.awaitTicket(orderId);
            cafe.awaitView(orderId, "PLACED", "PAID");
        });
    }

    @Test
    void ordersAreTakenWhileTheBaristaIsDownAndTicketsAppearWhenItReturns() {
        system.stopService("barista-service");
        List<String> orders;
        try {
            orders = IntStream.range(0, 5)
                    .mapToObj(i -> cafe.order("c-no-barista", 3, 1))
                    .peek(response -> assertThat(response.statusCode(), equalTo(201)))
                    .map(response -> response.<String>path("id"))
                    .toList();
        } finally {
            system.startService("barista-service");
            system.awaitReady();
        }

        orders.forEach(orderId -> assertThat(cafe.awaitTicket(orderId).get("status"), equalTo("QUEUED")));
    }
}
