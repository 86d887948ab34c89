package cafe.barista;

import static org.hamcrest.Matchers.hasSize;

import cafe.testing.AnOrder;
import cafe.testing.CloudEvents;
import cafe.testing.Tokens;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The same checks against the packaged artifact: the JVM jar here, the native executable when built with -Pnative. */
@QuarkusIntegrationTest
class TicketResourceIT extends TicketResourceTest {

    @Test
    void eventsOverHttpDoNotExistOutsideKnativeEvenForAService() {
        AnOrder order = AnOrder.of("c-1");
        CloudEvents.postAs(Tokens.as(Tokens.service()), UUID.randomUUID().toString(), order.placed())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");

        Tokens.as(Tokens.barista())
                .queryParam("orderId", order.id())
                .get("/tickets")
                .then()
                .statusCode(200)
                .body("$", hasSize(0));
    }
}
