package cafe.status;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cafe.events.OrderPlaced;
import cafe.events.Topics;
import cafe.stack.LocalStack;
import cafe.status.StatusEvents.Raw;
import cafe.testing.KafkaEvents;
import cafe.testing.LocalStackResource;
import cafe.testing.Sql;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * An unreadable record behind one that cannot be applied yet (its order's lock is held, as while the
 * database is away) waits for it: its dead letter would acknowledge the batch's last offset, and the
 * committed offset would pass the record not applied, which a restart then never reads again.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class UnreadableAfterAHeldRecordTest {

    private static final TopicPartition PARTITION = new TopicPartition(Topics.ORDERS, 0);

    @Test
    void theCommittedOffsetNeverPassesARecordNotAppliedYet() throws Exception {
        UUID held = UUID.randomUUID();
        String placedId = UUID.randomUUID().toString();
        String unreadableId = UUID.randomUUID().toString();
        long placedOffset;
        try (Connection test = TransientFailureInABatchTest.holdingTheLockOf(held)) {
            // the unreadable record is the last of its partition in the poll: the one the commit follows
            StatusEvents.sendAsOneBatch(
                    Topics.ORDERS,
                    List.of(
                            Raw.of(placedId, placed(held)),
                            new Raw(unreadableId, "cafe.order.not-a-type", held.toString(), "{}")));
            placedOffset = KafkaEvents.readAll(Topics.ORDERS).stream()
                    .filter(r -> placedId.equals(KafkaEvents.header(r, "ce_id")))
                    .findFirst()
                    .orElseThrow()
                    .offset();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Sql.number(
                                    "status",
                                    "select count(*) from (" + TransientFailureInABatchTest.WAITING_FOR_THE_ORDER
                                            + ") as w")
                            == 1);

            // longer than the consumer's commit interval (5 s): nothing may commit past the held record
            long before = placedOffset;
            await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(9)).until(() -> committed() <= before);
            test.rollback();
        }

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Tokens.asCustomer("c-held")
                        .get("/order-status/" + held)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("PLACED")));
        long applied = placedOffset;
        await().atMost(Duration.ofSeconds(20)).until(() -> committed() >= applied + 2);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> KafkaEvents.readAll(Topics.deadLetterOf("status-service")).stream()
                        .anyMatch(r -> unreadableId.equals(KafkaEvents.header(r, "ce_id"))));
    }

    /** The offset status-service's group has committed on the partition the batch went to. */
    private static long committed() throws Exception {
        try (Admin admin = Admin.create(LocalStack.shared().settings().kafkaOperator())) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets("status-service")
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .get(PARTITION);
            return offset == null ? 0 : offset.offset();
        }
    }

    private static OrderPlaced placed(UUID orderId) {
        return new OrderPlaced(
                orderId, "c-held", null, 1, "Ristretto", 1, 240, "EUR", UUID.randomUUID(), Instant.now());
    }
}
