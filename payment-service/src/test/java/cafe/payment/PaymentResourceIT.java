package cafe.payment;

import static org.hamcrest.Matchers.contains;

import cafe.events.EventCodec;
import cafe.events.OrderCanceled;
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

        Tokens.as(Tokens.service())
                .header("ce-specversion", "1.0")
                .header("ce-id", UUID.randomUUID())
                .header("ce-type", "cafe.order.canceled")
                .header("ce-source", "/order-service")
                .contentType("application/json")
                .body(EventCodec.toJson(new OrderCanceled(orderId, "c-1", UUID.fromString(paymentId), Instant.now())))
                .post("/events")
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
