package cafe.payment;

import static org.hamcrest.Matchers.contains;

import cafe.events.OrderCanceled;
import cafe.testing.CloudEvents;
import cafe.testing.Tokens;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The same checks against the packaged artifact: the JVM jar here, the native executable when built with -Pnative. */
@QuarkusIntegrationTest
class PaymentResourceIT extends PaymentResourceTest {

    @Test
    void eventsOverHttpDoNotExistOutsideKnativeEvenForAService() {
        UUID orderId = UUID.randomUUID();
        String paymentId = charge(orderId, 300).then().statusCode(201).extract().path("id");

        CloudEvents.postAs(
                        Tokens.as(Tokens.service()),
                        UUID.randomUUID().toString(),
                        new OrderCanceled(orderId, "c-1", UUID.fromString(paymentId), Instant.now()))
                .then()
                .statusCode(404)
                .contentType("application/problem+json");

        Tokens.as(Tokens.service())
                .queryParam("orderId", orderId)
                .get("/payments")
                .then()
                .statusCode(200)
                .body("status", contains("APPROVED"));
    }
}
