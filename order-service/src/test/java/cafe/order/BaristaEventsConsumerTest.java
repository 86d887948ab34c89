package cafe.order;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import cafe.events.BrewCanceled;
import cafe.events.BrewStarted;
import cafe.events.CancelRefused;
import cafe.events.CoffeeReady;
import cafe.events.EventCodec;
import cafe.events.Topics;
import cafe.testing.KafkaEvents;
import cafe.testing.LocalStackResource;
import cafe.testing.Orders;
import cafe.testing.Sql;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The order follows the barista's events, and the barista decides a cancel: dropped and refunded, or too late. */
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
    void aCancelWaitsForTheBaristaWhoDropsTheTicketThenTheOrderIsCancelledForTheRefund() {
        String orderId = placeOrder();
        cancel(orderId).statusCode(202).body("status", equalTo("CANCEL_REQUESTED"));
        cancel(orderId).statusCode(202).body("status", equalTo("CANCEL_REQUESTED"));
        KafkaEvents.awaitEvent(Topics.ORDERS, orderId, "cafe.order.cancel-requested", Duration.ofSeconds(20));
        assertThat(
                "one request, however often the customer asks",
                outboxed(orderId, "cafe.order.cancel-requested"),
                equalTo(1L));
        assertThat(
                "nothing is refunded before the barista answers",
                outboxed(orderId, "cafe.order.canceled"),
                equalTo(0L));

        String dropped = UUID.randomUUID().toString();
        String brewCanceled =
                EventCodec.toJson(new BrewCanceled(UUID.fromString(orderId), UUID.randomUUID(), Instant.now()));
        send(dropped, "cafe.barista.brew-canceled", brewCanceled);
        awaitStatus(orderId, "CANCELED");
        ConsumerRecord<String, String> canceled =
                KafkaEvents.awaitEvent(Topics.ORDERS, orderId, "cafe.order.canceled", Duration.ofSeconds(20));
        assertThat(canceled.value(), containsString("\"paymentId\""));

        send(dropped, "cafe.barista.brew-canceled", brewCanceled);
        String late = UUID.randomUUID().toString();
        send(late, "cafe.barista.brew-canceled", brewCanceled);
        awaitProcessed(late);
        assertThat("a redelivered answer refunds nothing more", outboxed(orderId, "cafe.order.canceled"), equalTo(1L));
    }

    /**
     * The race the barista decides: the drink was finished, but its coffee-ready had not reached
     * order-service when the customer cancelled. The order stays READY and paid; nothing is refunded.
     */
    @Test
    void aCancelThatReachesAFinishedDrinkLeavesTheOrderReadyAndPaid() {
        String orderId = placeOrder();
        UUID ticketId = UUID.randomUUID();

        cancel(orderId).statusCode(202).body("status", equalTo("CANCEL_REQUESTED"));
        send(
                UUID.randomUUID().toString(),
                "cafe.barista.coffee-ready",
                EventCodec.toJson(new CoffeeReady(UUID.fromString(orderId), ticketId, Instant.now())));
        String refused = UUID.randomUUID().toString();
        send(
                refused,
                "cafe.barista.cancel-refused",
                EventCodec.toJson(new CancelRefused(UUID.fromString(orderId), ticketId, Instant.now())));
        awaitProcessed(refused);

        Tokens.asCustomer(CUSTOMER).when().get("/orders/" + orderId).then().body("status", equalTo("READY"));
        assertThat(outboxed(orderId, "cafe.order.canceled"), equalTo(0L));
        cancel(orderId)
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("coffee is ready"))
                .body("status", equalTo(409));
    }

    @Test
    void aRefusalAloneTellsTheOrderItsDrinkIsReady() {
        String orderId = placeOrder();
        cancel(orderId).statusCode(202);
        send(
                UUID.randomUUID().toString(),
                "cafe.barista.cancel-refused",
                EventCodec.toJson(new CancelRefused(UUID.fromString(orderId), UUID.randomUUID(), Instant.now())));
        awaitStatus(orderId, "READY");
    }

    private static ValidatableResponse cancel(String orderId) {
        return Tokens.asCustomer(CUSTOMER)
                .when()
                .post("/orders/" + orderId + "/cancel")
                .then();
    }

    private static long outboxed(String orderId, String type) {
        return Sql.number(
                "orders", "select count(*) from outbox_event where aggregate_id = ? and event_type = ?", orderId, type);
    }

    private static String placeOrder() {
        return Orders.place(CUSTOMER, "{\"customerId\":\"" + CUSTOMER + "\",\"menuId\":1,\"qty\":1}");
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
