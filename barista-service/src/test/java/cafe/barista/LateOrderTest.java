package cafe.barista;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import cafe.events.EventCodec;
import cafe.events.OrderCancelRequested;
import cafe.events.OrderPlaced;
import cafe.events.Topics;
import cafe.testing.EventSchemas;
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

/**
 * A cancel can arrive before its order (a redelivery, a replay from the dead-letter topic, Knative
 * delivery): the barista accepts it (there is no drink to take back) and remembers it, so the order that
 * follows is never brewed for a refunded customer.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class LateOrderTest {

    @Test
    void anOrderThatArrivesAfterItsCancelIsNeverQueued() {
        UUID orderId = UUID.randomUUID();
        String cancel = UUID.randomUUID().toString();
        KafkaEvents.send(
                Topics.ORDERS,
                orderId.toString(),
                cancel,
                "cafe.order.cancel-requested",
                EventCodec.toJson(new OrderCancelRequested(orderId, "c-late", Instant.now())));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(cancel));
        ConsumerRecord<String, String> accepted = KafkaEvents.awaitEvent(
                Topics.BARISTA, orderId.toString(), "cafe.barista.brew-canceled", Duration.ofSeconds(20));
        EventSchemas.conforming("cafe.barista.brew-canceled", accepted.value());

        String placed = UUID.randomUUID().toString();
        KafkaEvents.send(
                Topics.ORDERS,
                orderId.toString(),
                placed,
                "cafe.order.placed",
                EventCodec.toJson(new OrderPlaced(
                        orderId, "c-late", null, 1, "Espresso", 1, 250, "EUR", UUID.randomUUID(), Instant.now())));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(placed));

        Tokens.as(Tokens.barista())
                .queryParam("orderId", orderId)
                .when()
                .get("/tickets")
                .then()
                .statusCode(200)
                .body("$", hasSize(0));
        assertThat(
                Sql.number(
                        "barista",
                        "select count(*) from order_gate where order_id = ? and canceled_at is not null",
                        orderId),
                equalTo(1L));
    }

    private static boolean processed(String eventId) {
        return Sql.number("barista", "select count(*) from processed_event where event_id = ?::uuid", eventId) == 1;
    }
}
