package cafe.status;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import cafe.events.CafeEvent;
import cafe.events.CoffeeReady;
import cafe.events.EventCodec;
import cafe.events.OrderPlaced;
import cafe.testing.LocalStackResource;
import cafe.testing.PublicRoutes;
import cafe.testing.RouteMatrix;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Who may do what on status-service: customers read, follow and list their own orders only (another
 * customer's order answers 404, as an unknown one does); operators read any order and rebuild the view.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class AccessRulesTest {

    @Test
    void everyRouteAdmitsExactlyItsIdentities() {
        // READY, so that the owner's stream closes after its one document
        UUID order = readyOrderOf(RouteMatrix.OWNER);
        PublicRoutes.orderStatus(RouteMatrix.withPlatformRoutes(), order)
                .roles("POST /admin/view/rebuild", List.of("admin"), request -> request.post("/admin/view/rebuild"))
                .check();
    }

    @Test
    void anOperatorReadsAndFollowsAnyCustomersOrder() {
        UUID order = readyOrderOf(RouteMatrix.OWNER);

        Tokens.as(Tokens.admin())
                .get("/order-status/" + order)
                .then()
                .statusCode(200)
                .body("customerId", equalTo(RouteMatrix.OWNER));
        Tokens.as(Tokens.admin())
                .get("/order-status/" + order + "/stream")
                .then()
                .statusCode(200)
                .contentType("text/event-stream")
                .body(containsString("\"customerId\":\"" + RouteMatrix.OWNER + "\""));
    }

    /** Placed and ready, applied through the events entry (applied when it answers). */
    private static UUID readyOrderOf(String customerId) {
        UUID orderId = UUID.randomUUID();
        UUID ticket = UUID.randomUUID();
        Instant placedAt = Instant.now();
        post(new OrderPlaced(orderId, customerId, 1, "Espresso", 1, 250, "EUR", UUID.randomUUID(), placedAt));
        post(new CoffeeReady(orderId, ticket, placedAt.plusSeconds(1)));
        Tokens.asCustomer(customerId)
                .get("/order-status/" + orderId)
                .then()
                .statusCode(200)
                .body("status", equalTo("READY"));
        return orderId;
    }

    private static void post(CafeEvent event) {
        Tokens.as(Tokens.eventing())
                .header("ce-specversion", "1.0")
                .header("ce-id", UUID.randomUUID().toString())
                .header("ce-type", event.type().ceType())
                .header("ce-source", event.type().source())
                .contentType("application/json")
                .body(EventCodec.toJson(event))
                .post("/events")
                .then()
                .statusCode(202);
    }
}
