package cafe.payment;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cafe.events.EventCodec;
import cafe.events.OrderCanceled;
import cafe.events.PaymentRefunded;
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

/** A cancelled order is refunded exactly once, however often its cancellation is delivered. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class RefundTest {

    @Test
    void cancellationDeliveredTwiceRefundsOnceAndPublishesTheRefund() {
        UUID orderId = UUID.randomUUID();
        String paymentId = PaymentResourceTest.charge(orderId, 420)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String canceled =
                EventCodec.toJson(new OrderCanceled(orderId, "c-1", UUID.fromString(paymentId), Instant.now()));

        // the same event delivered twice (a redelivery), then a second cancellation of the order (a new event)
        String eventId = UUID.randomUUID().toString();
        KafkaEvents.send(Topics.ORDERS, orderId.toString(), eventId, "cafe.order.canceled", canceled);
        KafkaEvents.send(Topics.ORDERS, orderId.toString(), eventId, "cafe.order.canceled", canceled);
        String again = UUID.randomUUID().toString();
        KafkaEvents.send(Topics.ORDERS, orderId.toString(), again, "cafe.order.canceled", canceled);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Tokens.as(Tokens.service())
                        .queryParam("orderId", orderId)
                        .when()
                        .get("/payments")
                        .then()
                        .body("[0].status", equalTo("REFUNDED")));
        ConsumerRecord<String, String> refund = KafkaEvents.awaitEvent(
                Topics.PAYMENTS, orderId.toString(), "cafe.payment.refunded", Duration.ofSeconds(20));
        PaymentRefunded event = (PaymentRefunded) EventCodec.fromJson("cafe.payment.refunded", refund.value());
        assertThat(event.amount(), equalTo(420L));
        await().atMost(Duration.ofSeconds(10)).until(() -> processed(again));
        assertThat("the redelivery was recognised", processed(eventId), equalTo(true));
        assertThat(
                Sql.number(
                        "payments",
                        "select count(*) from processed_event where event_id in (?::uuid, ?::uuid)",
                        eventId,
                        again),
                equalTo(2L));
        assertThat(
                Sql.number("payments", "select count(*) from outbox_event where aggregate_id = ?", orderId.toString()),
                equalTo(1L));
    }

    private static boolean processed(String eventId) {
        return Sql.number("payments", "select count(*) from processed_event where event_id = ?::uuid", eventId) == 1;
    }
}
