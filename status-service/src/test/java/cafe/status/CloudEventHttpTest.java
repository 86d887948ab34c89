package cafe.status;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import cafe.events.BrewStarted;
import cafe.events.CafeEvent;
import cafe.events.OrderPlaced;
import cafe.testing.CloudEvents;
import cafe.testing.LocalStackResource;
import cafe.testing.Sql;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Knative's way in: one binary-mode CloudEvent per request, applied once, through the same writes as a batch. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class CloudEventHttpTest {

    @Test
    void eventsOverHttpAreAppliedOnceEachAndADuplicateChangesNothing() {
        UUID orderId = UUID.randomUUID();
        String placedId = UUID.randomUUID().toString();
        OrderPlaced placed =
                new OrderPlaced(orderId, "c-http", null, 4, "Cortado", 1, 330, "EUR", UUID.randomUUID(), Instant.now());

        post(placedId, placed, 202);
        post(placedId, placed, 202);
        Tokens.asCustomer("c-http")
                .get("/order-status/" + orderId)
                .then()
                .statusCode(200)
                .body("status", equalTo("PLACED"))
                .body("timeline", hasSize(1));

        post(UUID.randomUUID().toString(), new BrewStarted(orderId, UUID.randomUUID(), Instant.now()), 202);
        Tokens.asCustomer("c-http")
                .get("/order-status/" + orderId)
                .then()
                .body("status", equalTo("BREWING"))
                .body("timeline", hasSize(2));
        assertThat(Sql.number("status", "select count(*) from status_event where order_id = ?", orderId), equalTo(2L));
    }

    @Test
    void anEventTheDatabaseRefusesIsA400AndLeavesNothingBehind() {
        UUID orderId = UUID.randomUUID();

        post(
                UUID.randomUUID().toString(),
                new OrderPlaced(
                        orderId, "c-\u0000", null, 4, "Cortado", 1, 330, "EUR", UUID.randomUUID(), Instant.now()),
                400);

        Tokens.as(Tokens.admin()).get("/order-status/" + orderId).then().statusCode(404);
        assertThat(Sql.number("status", "select count(*) from status_event where order_id = ?", orderId), equalTo(0L));
    }

    private static void post(String id, CafeEvent event, int status) {
        CloudEvents.post(id, event).then().statusCode(status);
    }
}
