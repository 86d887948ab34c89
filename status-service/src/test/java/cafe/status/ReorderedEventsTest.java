package cafe.status;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import cafe.events.BrewCanceled;
import cafe.events.BrewStarted;
import cafe.events.OrderCanceled;
import cafe.events.OrderPlaced;
import cafe.events.PaymentRefunded;
import cafe.testing.LocalStackResource;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Over the real topics: events arriving backwards and twice still give the one right document. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class ReorderedEventsTest {

    @Test
    void cancelledOrderReachesTheSameDocumentFromEventsArrivingBackwardsAndTwice() {
        UUID orderId = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        UUID ticket = UUID.randomUUID();
        Instant t0 = Instant.now();
        String refunded = StatusEvents.send(new PaymentRefunded(orderId, payment, 760, "EUR", t0.plusSeconds(4)));
        StatusEvents.send(new BrewCanceled(orderId, ticket, t0.plusSeconds(3)));
        StatusEvents.send(refunded, new PaymentRefunded(orderId, payment, 760, "EUR", t0.plusSeconds(4)));
        StatusEvents.send(new OrderCanceled(orderId, "c-r", payment, t0.plusSeconds(2)));
        StatusEvents.send(new BrewStarted(orderId, ticket, t0.plusSeconds(1)));
        StatusEvents.send(new OrderPlaced(orderId, "c-r", null, 3, "Latte", 2, 760, "EUR", payment, t0));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Tokens.asCustomer("c-r")
                        .get("/order-status/" + orderId)
                        .then()
                        .statusCode(200)
                        .body("timeline", hasSize(5))
                        .body("status", equalTo("CANCELED"))
                        .body("paymentState", equalTo("REFUNDED"))
                        .body("item", equalTo("Latte"))
                        .body("amount", equalTo(760))
                        .body("timeline[0].event", equalTo("cafe.order.placed"))
                        .body("timeline[4].event", equalTo("cafe.payment.refunded")));
    }
}
