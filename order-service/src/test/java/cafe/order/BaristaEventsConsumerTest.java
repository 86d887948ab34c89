package cafe.order;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cafe.events.BrewStarted;
import cafe.events.CoffeeReady;
import cafe.events.EventCodec;
import cafe.events.Topics;
import cafe.testing.KafkaEvents;
import cafe.testing.LocalStackResource;
import cafe.testing.Sql;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The order follows the barista's events, and a cancelled order stays cancelled whatever the barista reports. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PaymentStub.class, scope = TestResourceScope.GLOBAL)
class BaristaEventsConsumerTest {

    private static final String CUSTOMER = "follow";

    @Test
    void orderBecomesBrewingThenReadyAndRedeliveryChangesNothing() {
        String orderId = placeOrder();
        String started = UUID.randomUUID().toString();
        send(
                started,
                "cafe.barista.brew-started",
                EventCodec.toJson(new BrewStarted(UUID.fromString(orderId), UUID.randomUUID(), Instant.now())));
        awaitStatus(orderId, "BREWING");

        send(
                UUID.randomUUID().toString(),
                "cafe.barista.coffee-ready",
                EventCodec.toJson(new CoffeeReady(UUID.fromString(orderId), UUID.randomUUID(), Instant.now())));
        awaitStatus(orderId, "READY");

        String late = UUID.randomUUID().toString();
        send(
                late,
                "cafe.barista.brew-started",
                EventCodec.toJson(new BrewStarted(UUID.fromString(orderId), UUID.randomUUID(), Instant.now())));
        awaitProcessed(late);
        Tokens.asCustomer(CUSTOMER).when().get("/orders/" + orderId).then().body("status", equalTo("READY"));
    }

    @Test
    void cancelledOrderIgnoresACoffeeThatWasFinishedAnyway() {
        String orderId = placeOrder();
        Tokens.asCustomer(CUSTOMER)
                .when()
                .post("/orders/" + orderId + "/cancel")
                .then()
                .statusCode(200);

        String ready = UUID.randomUUID().toString();
        send(
                ready,
                "cafe.barista.coffee-ready",
                EventCodec.toJson(new CoffeeReady(UUID.fromString(orderId), UUID.randomUUID(), Instant.now())));
        awaitProcessed(ready);

        Tokens.asCustomer(CUSTOMER).when().get("/orders/" + orderId).then().body("status", equalTo("CANCELED"));
    }

    private static String placeOrder() {
        return Tokens.asCustomer(CUSTOMER)
                .contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + CUSTOMER + "\",\"menuId\":1,\"qty\":1}")
                .when()
                .post("/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static void awaitProcessed(String eventId) {
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        Sql.number("orders", "select count(*) from processed_event where event_id = ?::uuid", eventId)
                                == 1);
    }

    private static void send(String eventId, String type, String json) {
        String orderId = json.replaceAll(".*\"orderId\":\"([^\"]+)\".*", "$1");
        KafkaEvents.send(Topics.BARISTA, orderId, eventId, type, json);
    }

    private static void awaitStatus(String orderId, String status) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Tokens.asCustomer(CUSTOMER)
                        .when()
                        .get("/orders/" + orderId)
                        .then()
                        .body("status", equalTo(status)));
    }
}
