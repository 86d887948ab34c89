package cafe.status;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import cafe.events.EventCodec;
import cafe.events.OrderPlaced;
import cafe.events.Topics;
import cafe.testing.KafkaEvents;
import cafe.testing.LocalStackResource;
import cafe.testing.RouteMatrix;
import cafe.testing.Tokens;
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

        placeOrder(orderId, customer);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Tokens.asCustomer(customer)
                        .get("/order-status/" + orderId)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("PLACED"))
                        .body("paymentState", equalTo("PAID"))
                        .body("item", equalTo("Latte"))
                        .body("timeline", hasSize(1)));
        Tokens.asCustomer(customer)
                .queryParam("customerId", customer)
                .get("/order-status")
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].orderId", equalTo(orderId.toString()));
    }

    @Test
    void unknownOrderIsA404Problem() {
        Tokens.asCustomer("c-" + UUID.randomUUID())
                .get("/order-status/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void anotherCustomersOrderIsA404ProblemLikeAnUnknownOne() {
        UUID orderId = UUID.randomUUID();
        String owner = "c-" + UUID.randomUUID();
        placeOrder(orderId, owner);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Tokens.asCustomer(owner)
                        .get("/order-status/" + orderId)
                        .then()
                        .statusCode(200));

        Tokens.asCustomer(RouteMatrix.OTHER_CUSTOMER)
                .get("/order-status/" + orderId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aCustomerWhoNamesNoCustomerListsTheirOwnOrdersOnly() {
        String owner = "c-" + UUID.randomUUID();
        String other = "c-" + UUID.randomUUID();
        UUID ownOrder = UUID.randomUUID();
        UUID othersOrder = UUID.randomUUID();
        placeOrder(ownOrder, owner);
        placeOrder(othersOrder, other);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Tokens.asCustomer(owner).get("/order-status/" + ownOrder).then().statusCode(200);
            Tokens.asCustomer(other).get("/order-status/" + othersOrder).then().statusCode(200);
        });

        Tokens.asCustomer(owner)
                .get("/order-status")
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].orderId", equalTo(ownOrder.toString()))
                .body("[0].customerId", equalTo(owner));
    }

    @Test
    void aCustomerListingAnotherCustomersOrdersIsA403Problem() {
        Tokens.asCustomer(RouteMatrix.OTHER_CUSTOMER)
                .queryParam("customerId", RouteMatrix.OWNER)
                .get("/order-status")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void anOperatorListsTheCustomerTheyName() {
        UUID orderId = UUID.randomUUID();
        String customer = "c-" + UUID.randomUUID();
        placeOrder(orderId, customer);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Tokens.as(Tokens.admin())
                        .queryParam("customerId", customer)
                        .get("/order-status")
                        .then()
                        .statusCode(200)
                        .body("$", hasSize(1))
                        .body("[0].orderId", equalTo(orderId.toString())));
    }

    @Test
    void anOperatorListWithoutACustomerIsA400Problem() {
        Tokens.as(Tokens.admin()).get("/order-status").then().statusCode(400).contentType("application/problem+json");
    }

    /** Through Kafka, as order-service publishes it: the packaged service (OrderStatusResourceIT) takes no events over HTTP. */
    private static void placeOrder(UUID orderId, String customerId) {
        String placed = EventCodec.toJson(new OrderPlaced(
                orderId, customerId, null, 3, "Latte", 1, 380, "EUR", UUID.randomUUID(), Instant.now()));
        KafkaEvents.send(Topics.ORDERS, orderId.toString(), UUID.randomUUID().toString(), "cafe.order.placed", placed);
    }
}
