package cafe.messaging.inbox;

import static cafe.messaging.Transactions.onVertx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cafe.events.CoffeeReady;
import cafe.events.OrderCanceled;
import cafe.events.OrderPlaced;
import cafe.messaging.outbox.Outbox;
import cafe.testing.Concurrently;
import cafe.testing.LocalStackResource;
import cafe.testing.Sql;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The inbox on its own: an event is applied once, together with its record, and only if the consumer handles its type. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class InboxConsumerTest {

    @Inject
    Inbox inbox;

    @Inject
    Outbox outbox;

    @Inject
    InboxPurge purge;

    private final AtomicInteger applied = new AtomicInteger();

    @Test
    void aRedeliveredEventIsAppliedOnce() {
        InboxConsumer consumer = consumer(EventEffects.of(OrderCanceled.class, canceled -> count()));
        ReceivedEvent event = canceled(UUID.randomUUID());

        onVertx(() -> consumer.apply(event));
        onVertx(() -> consumer.apply(event));

        assertEquals(1, applied.get());
        assertEquals(1, processed(event));
    }

    /**
     * The one-statement form, with an effect that has no guard of its own (it would write a row every time
     * it ran): the same event delivered twice, and twice at once, writes one row. Only the inbox's record
     * of the event id stops the others.
     */
    @Test
    void aOneStatementEffectWithNoGuardOfItsOwnIsAppliedOncePerEvent() {
        String marker = UUID.randomUUID().toString();
        String effect = "insert into outbox_event (event_id, event_type, topic, aggregate_id, source, payload,"
                + " created_at, published_at) select gen_random_uuid(), 'test.effect', 'none', $3, '/test', '{}',"
                + " now(), now() where exists (select 1 from first_delivery)";
        ReceivedEvent event = canceled(UUID.randomUUID());

        onVertx(() -> inbox.applyOnce(event, effect, marker));
        onVertx(() -> inbox.applyOnce(event, effect, marker));
        ReceivedEvent raced = canceled(UUID.randomUUID());
        Concurrently.run(4, () -> onVertx(() -> inbox.applyOnce(raced, effect, marker)));

        assertEquals(2, Sql.number("messaging", "select count(*) from outbox_event where aggregate_id = ?", marker));
    }

    @Test
    void anEffectThatFailsLeavesNeitherItsWritesNorTheRecordSoTheRedeliveryAppliesIt() {
        ReceivedEvent event = canceled(UUID.randomUUID());
        InboxConsumer failing = consumer(EventEffects.of(
                OrderCanceled.class,
                canceled -> outbox.append(new CoffeeReady(canceled.orderId(), UUID.randomUUID(), Instant.now()))
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("the database went away")))));

        assertThrows(IllegalStateException.class, () -> onVertx(() -> failing.apply(event)));
        assertEquals(0, processed(event));
        assertEquals(
                0,
                Sql.number(
                        "messaging",
                        "select count(*) from outbox_event where aggregate_id = ?",
                        event.payload().orderId().toString()));

        onVertx(() -> consumer(EventEffects.of(OrderCanceled.class, canceled -> count()))
                .apply(event));
        assertEquals(1, applied.get());
        assertEquals(1, processed(event));
    }

    @Test
    void anEventOfATypeTheConsumerDoesNotHandleIsIgnoredAndLeavesNoRecord() {
        InboxConsumer consumer = consumer(EventEffects.of(OrderCanceled.class, canceled -> count()));
        UUID orderId = UUID.randomUUID();
        ReceivedEvent placed = new ReceivedEvent(
                UUID.randomUUID(),
                "cafe.order.placed",
                new OrderPlaced(orderId, "c-1", null, 1, "Espresso", 1, 250, "EUR", UUID.randomUUID(), Instant.now()));

        onVertx(() -> consumer.apply(placed));

        assertEquals(0, applied.get());
        assertEquals(0, processed(placed));
    }

    @Test
    void eachTypeGoesToItsOwnEffect() {
        AtomicInteger ready = new AtomicInteger();
        InboxConsumer consumer = consumer(EventEffects.of(OrderCanceled.class, canceled -> count())
                .and(
                        CoffeeReady.class,
                        coffee -> Uni.createFrom().item(ready.incrementAndGet()).replaceWithVoid()));
        UUID orderId = UUID.randomUUID();

        onVertx(() -> consumer.apply(new ReceivedEvent(
                UUID.randomUUID(),
                "cafe.barista.coffee-ready",
                new CoffeeReady(orderId, UUID.randomUUID(), Instant.now()))));

        assertEquals(1, ready.get());
        assertEquals(0, applied.get());
    }

    @Test
    void recordsOlderThanTheRetentionArePurged() {
        ReceivedEvent old = canceled(UUID.randomUUID());
        ReceivedEvent recent = canceled(UUID.randomUUID());
        InboxConsumer consumer = consumer(EventEffects.of(OrderCanceled.class, canceled -> count()));
        onVertx(() -> consumer.apply(old));
        onVertx(() -> consumer.apply(recent));
        Sql.update(
                "messaging",
                "update processed_event set processed_at = now() - interval '31 days' where event_id = ?",
                old.id());

        onVertx(purge::purge);

        assertEquals(0, processed(old));
        assertEquals(1, processed(recent));
    }

    private InboxConsumer consumer(EventEffects effects) {
        return new InboxConsumer(inbox, effects) {};
    }

    private Uni<Void> count() {
        return Uni.createFrom().item(applied.incrementAndGet()).replaceWithVoid();
    }

    private static ReceivedEvent canceled(UUID orderId) {
        return new ReceivedEvent(
                UUID.randomUUID(),
                "cafe.order.canceled",
                new OrderCanceled(orderId, "c-1", UUID.randomUUID(), Instant.now()));
    }

    private static long processed(ReceivedEvent event) {
        return Sql.number(
                "messaging",
                "select count(*) from processed_event where event_id = ?::uuid",
                event.id().toString());
    }
}
