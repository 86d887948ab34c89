package cafe.barista;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import cafe.events.EventCodec;
import cafe.events.OrderCancelRequested;
import cafe.events.Topics;
import cafe.testing.KafkaEvents;
import cafe.testing.LocalStackResource;
import cafe.testing.Sql;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class OrderEventsConsumerTest {

    @Test
    void poisonMessageGoesToTheDeadLetterTopicAndTheNextMessageIsStillProcessed() {
        String poisonKey = UUID.randomUUID().toString();
        KafkaEvents.sendUnchecked(
                Topics.ORDERS, poisonKey, UUID.randomUUID().toString(), "cafe.order.placed", "{not json");
        UUID next = placeOrder();

        awaitTicket(next, "QUEUED");
        ConsumerRecord<String, String> dead = KafkaEvents.await(
                        Topics.deadLetterOf("barista-service"), r -> poisonKey.equals(r.key()), Duration.ofSeconds(20))
                .stream()
                .findFirst()
                .orElseThrow(() -> new AssertionError("poison not dead-lettered"));
        assertThat(dead.value(), equalTo("{not json"));
        assertThat(KafkaEvents.header(dead, "dead-letter-reason"), notNullValue());
        assertThat(KafkaEvents.header(dead, "dead-letter-reason"), containsString("Unreadable"));
    }

    @Test
    void aRedeliveredCancelRequestCancelsTheTicketOnce() {
        UUID orderId = placeOrder();
        awaitTicket(orderId, "QUEUED");
        String eventId = UUID.randomUUID().toString();
        String canceled = EventCodec.toJson(new OrderCancelRequested(orderId, "c-1", Instant.now()));

        KafkaEvents.send(Topics.ORDERS, orderId.toString(), eventId, "cafe.order.cancel-requested", canceled);
        KafkaEvents.send(Topics.ORDERS, orderId.toString(), eventId, "cafe.order.cancel-requested", canceled);
        KafkaEvents.send(
                Topics.ORDERS,
                orderId.toString(),
                UUID.randomUUID().toString(),
                "cafe.order.cancel-requested",
                canceled);

        awaitTicket(orderId, "CANCELED");
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        Sql.number("barista", "select count(*) from processed_event where event_id = ?::uuid", eventId)
                                == 1);
        assertThat(
                Sql.number(
                        "barista",
                        "select count(*) from outbox_event where aggregate_id = ? and event_type = 'cafe.barista.brew-canceled'",
                        orderId.toString()),
                equalTo(1L));
        KafkaEvents.awaitEvent(
                Topics.BARISTA, orderId.toString(), "cafe.barista.brew-canceled", Duration.ofSeconds(20));
    }

    /**
     * The drink is finished before the customer's cancel reaches the barista: it is not taken back. The
     * ticket stays READY, and the answer is a refusal, never the brew-canceled that refunds the order.
     */
    @Test
    void aCancelRequestForAReadyDrinkIsRefused() {
        UUID orderId = placeOrder();
        awaitTicket(orderId, "QUEUED");
        String ticketId = Tokens.as(Tokens.barista())
                .queryParam("orderId", orderId)
                .get("/tickets")
                .then()
                .extract()
                .path("[0].id");
        Tokens.as(Tokens.barista())
                .post("/tickets/" + ticketId + "/start")
                .then()
                .statusCode(200);
        Tokens.as(Tokens.barista())
                .post("/tickets/" + ticketId + "/finish")
                .then()
                .statusCode(200);

        String request = UUID.randomUUID().toString();
        KafkaEvents.send(
                Topics.ORDERS,
                orderId.toString(),
                request,
                "cafe.order.cancel-requested",
                EventCodec.toJson(new OrderCancelRequested(orderId, "c-1", Instant.now())));

        ConsumerRecord<String, String> refused = KafkaEvents.awaitEvent(
                Topics.BARISTA, orderId.toString(), "cafe.barista.cancel-refused", Duration.ofSeconds(20));
        assertThat(refused.value(), containsString(ticketId));
        awaitTicket(orderId, "READY");
        assertThat(
                Sql.number(
                        "barista",
                        "select count(*) from outbox_event where aggregate_id = ? and event_type = 'cafe.barista.brew-canceled'",
                        orderId.toString()),
                equalTo(0L));
    }

    private static UUID placeOrder() {
        return PlacedOrders.send("c-1", null, "Flat White", 1, 390);
    }

    private static void awaitTicket(UUID orderId, String status) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Tokens.as(Tokens.barista())
                        .queryParam("orderId", orderId)
                        .when()
                        .get("/tickets")
                        .then()
                        .statusCode(200)
                        .body("$", hasSize(1))
                        .body("[0].status", equalTo(status)));
    }
}
