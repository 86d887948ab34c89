package cafe.barista;

import static org.hamcrest.Matchers.hasSize;

import cafe.events.EventCodec;
import cafe.events.OrderPlaced;
import cafe.testing.Tokens;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The same checks against the packaged artifact: the JVM jar here, the native executable when built with -Pnative. */
@QuarkusIntegrationTest
class TicketResourceIT extends TicketResourceTest {

    @Test
    void eventsOverHttpDoNotExistOutsideKnativeEvenForAService() {
        UUID orderId = UUID.randomUUID();
        Tokens.as(Tokens.service())
                .header("ce-specversion", "1.0")
                .header("ce-id", UUID.randomUUID())
                .header("ce-type", "cafe.order.placed")
                .header("ce-source", "/order-service")
                .contentType("application/json")
                .body(EventCodec.toJson(new OrderPlaced(
                        orderId, "c-1", 1, "Espresso", 1, 250, "EUR", UUID.randomUUID(), Instant.now())))
                .post("/events")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");

        Tokens.as(Tokens.barista())
                .queryParam("orderId", orderId)
                .get("/tickets")
                .then()
                .statusCode(200)
                .body("$", hasSize(0));
    }
}
