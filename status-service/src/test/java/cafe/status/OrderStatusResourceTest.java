package cafe.status;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import cafe.events.EventCodec;
import cafe.events.OrderPlaced;
import cafe.events.Topics;
import cafe.testing.KafkaEvents;
import cafe.testing.LocalStackResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class OrderStatusResourceTest {

    @Test
    void placedOrderFromKafkaShowsInTheView() {
        UUID orderId = UUID.randomUUID();
        String customer = "c-" + UUID.randomUUID();
        String placed = EventCodec.toJson(
                new OrderPlaced(orderId, customer, 3, "Latte", 1, 380, "EUR", UUID.randomUUID(), Instant.now()));

        KafkaEvents.send(Topics.ORDERS, orderId.toString(), UUID.randomUUID().toString(), "cafe.order.placed", placed);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> given().when()
                        .get("/order-status/" + orderId)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("PLACED"))
                        .body("paymentState", equalTo("PAID"))
                        .body("item", equalTo("Latte"))
                        .body("timeline", hasSize(1)));
        given().queryParam("customerId", customer)
                .when()
                .get("/order-status")
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].orderId", equalTo(orderId.toString()));
    }

    @Test
    void unknownOrderIsA404Problem() {
        given().when()
                .get("/order-status/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void queryWithoutCustomerIsA400Problem() {
        given().when().get("/order-status").then().statusCode(400).contentType("application/problem+json");
    }
}
