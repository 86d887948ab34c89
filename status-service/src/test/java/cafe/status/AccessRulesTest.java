package cafe.status;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import cafe.events.CafeEvent;
import cafe.testing.AnOrder;
import cafe.testing.CloudEvents;
import cafe.testing.LocalStackResource;
import cafe.testing.PublicRoutes;
import cafe.testing.RouteMatrix;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
        // handed over, so that the owner's stream closes after its one document
        UUID order = handedOverOrderOf(RouteMatrix.OWNER);
        PublicRoutes.orderStatus(RouteMatrix.withPlatformRoutes(), order).check();
    }

    @Test
    void anOperatorReadsAndFollowsAnyCustomersOrder() {
        UUID order = handedOverOrderOf(RouteMatrix.OWNER);

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
    private static UUID handedOverOrderOf(String customerId) {
        AnOrder order = AnOrder.of(customerId);
        post(order.placed());
        post(order.handedOver());
        Tokens.asCustomer(customerId)
                .get("/order-status/" + order.id())
                .then()
                .statusCode(200)
                .body("status", equalTo("HANDED_OVER"));
        return order.id();
    }

    private static void post(CafeEvent event) {
        CloudEvents.post(event).then().statusCode(202);
    }
}
