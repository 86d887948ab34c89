package cafe.messaging.inbox;

import static cafe.messaging.Transactions.onVertx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cafe.events.EventCodec;
import cafe.events.OrderCanceled;
import cafe.testing.LocalStackResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.DefaultCloudEventMetadataBuilder;
import io.smallrye.reactive.messaging.ce.impl.DefaultIncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.pgclient.PgException;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

/** Only an event that can never be applied is dead-lettered; a failure that passes is retried until it is applied. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class EventConsumerTest {

    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicReference<String> outcome = new AtomicReference<>("none");
    private String source = "/order-service";
    private String topic = "cafe-orders";

    @Test
    void aFailureThatLastsSecondsIsRetriedUntilTheEventIsAppliedAndItIsNeverDeadLettered() {
        Instant databaseBack = Instant.now().plusSeconds(4);

        consume(
                canceled(),
                event -> Instant.now().isBefore(databaseBack)
                        ? Uni.createFrom()
                                .failure(new IllegalStateException("Connection refused: the database is restarting"))
                        : Uni.createFrom().voidItem());

        assertEquals("acked", outcome.get());
        assertTrue(attempts.get() > 4, attempts + " attempts");
    }

    @Test
    void unreadableDataIsDeadLetteredWithoutBeingApplied() {
        consume("{not json", event -> Uni.createFrom().voidItem());

        assertEquals("nacked", outcome.get());
        assertEquals(0, attempts.get());
    }

    /** cafe.order.canceled is order-service's: a client that writes another topic cannot pass for it. */
    @Test
    void anEventNamingASourceThatDoesNotOwnItsTypeIsDeadLetteredWithoutBeingApplied() {
        source = "/payment-service";

        consume(canceled(), event -> Uni.createFrom().voidItem());

        assertEquals("nacked", outcome.get());
        assertEquals(0, attempts.get());
    }

    @Test
    void anEventFoundOnAnotherTopicThanItsTypesIsDeadLetteredWithoutBeingApplied() {
        topic = "cafe-barista";

        consume(canceled(), event -> Uni.createFrom().voidItem());

        assertEquals("nacked", outcome.get());
        assertEquals(0, attempts.get());
    }

    @Test
    void anEventFromItsOwnerOnItsTopicIsApplied() {
        consume(canceled(), event -> Uni.createFrom().voidItem());

        assertEquals("acked", outcome.get());
        assertEquals(1, attempts.get());
    }

    @Test
    void dataTheDatabaseRefusesIsDeadLetteredAtOnce() {
        consume(
                canceled(),
                event -> Uni.createFrom()
                        .failure(new PgException("new row violates check constraint", "ERROR", "23514", "qty")));

        assertEquals("nacked", outcome.get());
        assertEquals(1, attempts.get());
    }

    /** A bug fails the same way every time: it is tried cafe.events.bug-attempts times, then dead-lettered. */
    @Test
    void aBugIsTriedABoundedNumberOfTimesThenDeadLettered() {
        consume(canceled(), event -> Uni.createFrom().failure(new NullPointerException("a field nobody set")));

        assertEquals("nacked", outcome.get());
        assertEquals(3, attempts.get());
    }

    @Test
    void aStatementTheDatabaseCannotRunIsABugToo() {
        consume(
                canceled(),
                event -> Uni.createFrom()
                        .failure(new PgException("column \"x\" does not exist", "ERROR", "42703", "x")));

        assertEquals("nacked", outcome.get());
        assertEquals(3, attempts.get());
    }

    @Test
    void workThatThrowsInsteadOfFailingIsHandledToo() {
        consume(canceled(), event -> {
            throw new org.hibernate.HibernateException(
                    "constraint", new PgException("bad", "ERROR", "22001", "too long"));
        });

        assertEquals("nacked", outcome.get());
    }

    private void consume(String data, Function<ReceivedEvent, Uni<Void>> work) {
        onVertx(() -> EventConsumer.consume(message(data), event -> {
            attempts.incrementAndGet();
            return work.apply(event);
        }));
    }

    private Message<String> message(String data) {
        DefaultIncomingCloudEventMetadata<String> cloudEvent =
                new DefaultIncomingCloudEventMetadata<>(new DefaultCloudEventMetadataBuilder<String>()
                        .withId(UUID.randomUUID().toString())
                        .withType("cafe.order.canceled")
                        .withSource(URI.create(source))
                        .withSpecVersion("1.0")
                        .build());
        return Message.of(
                data,
                Metadata.of(
                        cloudEvent,
                        new IncomingKafkaRecordMetadata<>(new ConsumerRecord<>(topic, 0, 0L, "key", data), "orders")),
                () -> {
                    outcome.set("acked");
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    outcome.set("nacked");
                    return CompletableFuture.completedFuture(null);
                });
    }

    private static String canceled() {
        return EventCodec.toJson(new OrderCanceled(UUID.randomUUID(), "c-1", UUID.randomUUID(), Instant.now()));
    }
}
