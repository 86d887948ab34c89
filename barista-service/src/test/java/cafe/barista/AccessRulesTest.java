package cafe.barista;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

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
 * Who may do what on barista-service: only baristas work the ticket queue; events arrive from a service
 * identity, dead letters are for operators. Auto-brew is off here, so each ticket stays as it was made.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class AccessRulesTest {

    @Test
    void everyRouteAdmitsExactlyItsIdentities() {
        // the right identity calls last: had a refused move moved its ticket, that call would be a 409
        UUID read = queuedTicket();
        UUID start = queuedTicket();
        UUID finish = brewingTicket();
        UUID handOver = readyTicket();
        PublicRoutes.tickets(RouteMatrix.withPlatformRoutes(), read, start, finish, handOver)
                .check();
    }

    /** A ticket made as in production: its order's placed event, delivered over HTTP as Knative Eventing does. */
    private static UUID queuedTicket() {
        AnOrder order = AnOrder.of(RouteMatrix.OWNER);
        CloudEvents.post(order.placed()).then().statusCode(202);
        String id = Tokens.as(Tokens.barista())
                .queryParam("orderId", order.id())
                .get("/tickets")
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .extract()
                .path("[0].id");
        return UUID.fromString(id);
    }

    private static UUID brewingTicket() {
        UUID ticket = queuedTicket();
        Tokens.as(Tokens.barista())
                .post("/tickets/" + ticket + "/start")
                .then()
                .statusCode(200)
                .body("status", equalTo("BREWING"));
        return ticket;
    }

    private static UUID readyTicket() {
        UUID ticket = brewingTicket();
        Tokens.as(Tokens.barista())
                .post("/tickets/" + ticket + "/finish")
                .then()
                .statusCode(200)
                .body("status", equalTo("READY"));
        return ticket;
    }
}
