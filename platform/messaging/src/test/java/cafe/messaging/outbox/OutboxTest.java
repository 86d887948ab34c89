package cafe.messaging.outbox;

import static cafe.messaging.Transactions.inTransaction;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cafe.events.BrewStarted;
import cafe.events.OrderCanceled;
import cafe.events.Topics;
import cafe.testing.KafkaEvents;
import cafe.testing.LocalStackResource;
import cafe.testing.Sql;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The outbox on its own: what commits is published once, in order, as a CloudEvent; what rolls back never exists. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class OutboxTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(20);

    @Inject
    Outbox outbox;

    @Test
    void aCommittedEventIsPublishedOnceAsACloudEventAndMarkedPublished() {
        UUID orderId = UUID.randomUUID();
        inTransaction(() -> outbox.append(new OrderCanceled(orderId, "c-outbox", UUID.randomUUID(), Instant.now())));

        ConsumerRecord<String, String> record =
                KafkaEvents.awaitEvent(Topics.ORDERS, orderId.toString(), "cafe.order.canceled", EVENTUALLY);
        assertEquals("/messaging-test", KafkaEvents.header(record, "ce_source"));
        assertEquals("1.0", KafkaEvents.header(record, "ce_specversion"));
        assertEquals(
                Sql.text(
                        "messaging",
                        "select event_id::text from outbox_event where aggregate_id = ?",
                        orderId.toString()),
                KafkaEvents.header(record, "ce_id"));
        await().atMost(EVENTUALLY)
                .until(() -> Sql.number(
                                "messaging",
                                "select count(*) from outbox_event where aggregate_id = ? and published_at is not null",
                                orderId.toString())
                        == 1);
        assertEquals(1, recordsOf(Topics.ORDERS, orderId).size(), "published once");
    }

    @Test
    void anEventWrittenInATransactionThatRollsBackIsNeverStoredNorPublished() {
        UUID orderId = UUID.randomUUID();

        assertThrows(
                IllegalStateException.class,
                () -> inTransaction(() -> outbox.append(
                                new OrderCanceled(orderId, "c-rollback", UUID.randomUUID(), Instant.now()))
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("the state change failed")))));

        assertEquals(
                0,
                Sql.number(
                        "messaging", "select count(*) from outbox_event where aggregate_id = ?", orderId.toString()));
        UUID later = UUID.randomUUID();
        inTransaction(() -> outbox.append(new OrderCanceled(later, "c-later", UUID.randomUUID(), Instant.now())));
        KafkaEvents.awaitEvent(Topics.ORDERS, later.toString(), "cafe.order.canceled", EVENTUALLY);
        assertEquals(
                List.of(), recordsOf(Topics.ORDERS, orderId), "nothing of the rolled-back transaction reached Kafka");
    }

    @Test
    void theEventsOfOneOrderArePublishedInTheOrderTheyWereWritten() {
        UUID orderId = UUID.randomUUID();
        List<UUID> tickets =
                IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID()).toList();
        for (UUID ticket : tickets) {
            inTransaction(() -> outbox.append(new BrewStarted(orderId, ticket, Instant.now())));
        }

        await().atMost(EVENTUALLY)
                .until(() -> recordsOf(Topics.BARISTA, orderId).size() == tickets.size());
        List<UUID> published = recordsOf(Topics.BARISTA, orderId).stream()
                .map(r -> UUID.fromString(r.value().replaceAll(".*\"ticketId\":\"([^\"]+)\".*", "$1")))
                .toList();
        assertEquals(tickets, published);
    }

    private static List<ConsumerRecord<String, String>> recordsOf(String topic, UUID orderId) {
        return KafkaEvents.readAll(topic).stream()
                .filter(r -> orderId.toString().equals(r.key()))
                .toList();
    }
}
