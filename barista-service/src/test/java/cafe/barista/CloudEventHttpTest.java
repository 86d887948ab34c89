package cafe.barista;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import cafe.events.EventCodec;
import cafe.events.OrderCanceled;
import cafe.events.OrderPlaced;
import cafe.testing.EventSchemas;
import cafe.testing.LocalStackResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Knative mode: binary-mode CloudEvents over HTTP reach the same handler as the Kafka channel, once each. */
@QuarkusTest
@TestProfile(KnativeMode.class)
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class CloudEventHttpTest {

    @Test
    void placedOrderDeliveredOverHttpQueuesOneTicketAndTheCancelStopsIt() {
        UUID orderId = UUID.randomUUID();
        String placedId = UUID.randomUUID().toString();
        String placed = EventSchemas.conforming(
                "cafe.order.placed",
                EventCodec.toJson(new OrderPlaced(
                        orderId, "c-kn", 2, "Cappuccino", 1, 350, "EUR", UUID.randomUUID(), Instant.now())));

        cloudEvent(placedId, "cafe.order.placed")
                .body(placed)
                .when()
                .post("/events")
                .then()
                .statusCode(202);
        cloudEvent(placedId, "cafe.order.placed")
                .body(placed)
                .when()
                .post("/events")
                .then()
                .statusCode(202);
        given().queryParam("orderId", orderId)
                .when()
                .get("/tickets")
                .then()
                .body("$", hasSize(1))
                .body("[0].status", equalTo("QUEUED"));

        cloudEvent(UUID.randomUUID().toString(), "cafe.order.canceled")
                .body(EventSchemas.conforming(
                        "cafe.order.canceled",
                        EventCodec.toJson(new OrderCanceled(orderId, "c-kn", UUID.randomUUID(), Instant.now()))))
                .when()
                .post("/events")
                .then()
                .statusCode(202);
        given().queryParam("orderId", orderId).when().get("/tickets").then().body("[0].status", equalTo("CANCELED"));
    }

    @Test
    void unreadableEventIsA400ProblemAndChangesNothing() {
        cloudEvent(UUID.randomUUID().toString(), "cafe.order.placed")
                .body("{\"orderId\":42")
                .when()
                .post("/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        cloudEvent("not-a-uuid", "cafe.order.placed")
                .body("{}")
                .when()
                .post("/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        cloudEvent(UUID.randomUUID().toString(), "cafe.unknown.type")
                .body("{}")
                .when()
                .post("/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    private static RequestSpecification cloudEvent(String id, String type) {
        return given().header("ce-specversion", "1.0")
                .header("ce-id", id)
                .header("ce-type", type)
                .header("ce-source", "/order-service")
                .contentType("application/json");
    }
}
