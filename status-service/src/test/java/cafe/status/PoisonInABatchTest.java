package cafe.status;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import cafe.events.OrderPlaced;
import cafe.events.Topics;
import cafe.status.StatusEvents.Raw;
import cafe.testing.KafkaEvents;
import cafe.testing.LocalStackResource;
import cafe.testing.Sql;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * One record of a batch that can never be applied goes to the dead-letter topic alone: the good records
 * around it are applied, and none of them is dead-lettered with it.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class PoisonInABatchTest {

    private static final String DEAD_LETTERS = Topics.deadLetterOf("status-service");

    @Test
    void aRecordTheDatabaseRefusesIsDeadLetteredAloneAndTheGoodRecordsOfItsBatchAreApplied() {
        UUID before = UUID.randomUUID();
        UUID refused = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        // readable, but PostgreSQL refuses a NUL in text (SQLSTATE 22021) when the document is stored
        StatusEvents.sendAsOneBatch(
                Topics.ORDERS,
                List.of(
                        Raw.of(placed(before, "c-poison")),
                        Raw.of(placed(refused, "c-\u0000")),
                        Raw.of(placed(after, "c-poison"))));

        ConsumerRecord<String, String> deadLetter = awaitDeadLetter(refused);

        assertThat(KafkaEvents.header(deadLetter, "dead-letter-reason"), notNullValue());
        placedInTheView(before, "c-poison");
        placedInTheView(after, "c-poison");
        Tokens.as(Tokens.admin()).get("/order-status/" + refused).then().statusCode(404);
        assertThat(Sql.number("status", "select count(*) from status_event where order_id = ?", refused), equalTo(0L));
        assertThat(deadLettered(before, after), empty());
    }

    @Test
    void anUnreadableRecordIsDeadLetteredAloneAndTheRestOfItsBatchIsAppliedInOneTransaction() {
        UUID before = UUID.randomUUID();
        UUID unreadable = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        StatusEvents.sendAsOneBatch(
                Topics.ORDERS,
                List.of(
                        Raw.of(placed(before, "c-unreadable")),
                        new Raw(UUID.randomUUID().toString(), "cafe.order.placed", unreadable.toString(), "{not json"),
                        Raw.of(placed(after, "c-unreadable"))));

        awaitDeadLetter(unreadable);

        placedInTheView(before, "c-unreadable");
        placedInTheView(after, "c-unreadable");
        assertThat(deadLettered(before, after), empty());
        assertThat(
                "the good records, applied together",
                Sql.number(
                        "status",
                        "select count(distinct xmin::text) from status_event where order_id in (?, ?)",
                        before,
                        after),
                equalTo(1L));
    }

    private static OrderPlaced placed(UUID orderId, String customerId) {
        return new OrderPlaced(
                orderId, customerId, null, 1, "Flat White", 1, 360, "EUR", UUID.randomUUID(), Instant.now());
    }

    private static void placedInTheView(UUID orderId, String customerId) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Tokens.asCustomer(customerId)
                        .get("/order-status/" + orderId)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("PLACED")));
    }

    private static ConsumerRecord<String, String> awaitDeadLetter(UUID orderId) {
        return KafkaEvents.await(DEAD_LETTERS, r -> orderId.toString().equals(r.key()), Duration.ofSeconds(30)).stream()
                .findFirst()
                .orElseThrow(() -> new AssertionError("order " + orderId + " not dead-lettered"));
    }

    /** The records of these orders in the dead-letter topic; read once the batch's poison is there. */
    private static List<String> deadLettered(UUID... orderIds) {
        List<String> keys = Arrays.stream(orderIds).map(UUID::toString).toList();
        return KafkaEvents.readAll(DEAD_LETTERS).stream()
                .map(ConsumerRecord::key)
                .filter(keys::contains)
                .toList();
    }
}
