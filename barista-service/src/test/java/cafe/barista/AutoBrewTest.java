package cafe.barista;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.lessThan;

import cafe.events.BrewStarted;
import cafe.events.CoffeeReady;
import cafe.events.EventCodec;
import cafe.events.OrderPlaced;
import cafe.events.Topics;
import cafe.testing.Concurrently;
import cafe.testing.KafkaEvents;
import cafe.testing.LocalStackResource;
import cafe.testing.Sql;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Auto-brew moves whole batches of tickets in one statement each: every queued ticket goes through
 * BREWING to READY once, with one event per step that names its own order and ticket, in that order,
 * even while the barista's REST calls race it for the same tickets.
 */
@QuarkusTest
@TestProfile(AutoBrewMode.class)
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class AutoBrewTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    @Test
    void everyQueuedTicketIsBrewedThenReadyOnceWithOneEventPerStep() {
        List<UUID> orders = placeOrders(25);

        await().atMost(EVENTUALLY).until(() -> orders.stream().allMatch(o -> "READY".equals(status(o))));
        for (UUID order : orders) {
            String ticket = Sql.text("barista", "select id::text from ticket where order_id = ?", order);
            BrewStarted started = (BrewStarted) onlyEvent(order, "cafe.barista.brew-started");
            CoffeeReady ready = (CoffeeReady) onlyEvent(order, "cafe.barista.coffee-ready");
            assertThat(started.orderId(), equalTo(order));
            assertThat(started.ticketId().toString(), equalTo(ticket));
            assertThat(ready.orderId(), equalTo(order));
            assertThat(ready.ticketId().toString(), equalTo(ticket));
            assertThat(
                    "brewed for the brew time",
                    started.startedAt(),
                    lessThan(ready.readyAt().minusMillis(999)));
            assertThat(
                    "the ticket's last move is the one its last event reports",
                    Sql.number(
                            "barista",
                            "select count(*) from ticket where order_id = ?"
                                    + " and abs(extract(epoch from updated_at - cast(? as timestamptz))) < 0.001",
                            order,
                            ready.readyAt().toString()),
                    equalTo(1L));
            assertThat(
                    "started before ready, in the outbox's order",
                    Sql.number(
                            "barista",
                            "select count(*) from outbox_event s join outbox_event r on r.aggregate_id = s.aggregate_id"
                                    + " where s.aggregate_id = ? and s.event_type = 'cafe.barista.brew-started'"
                                    + " and r.event_type = 'cafe.barista.coffee-ready' and s.id < r.id",
                            order.toString()),
                    equalTo(1L));
        }
        await().atMost(EVENTUALLY)
                .until(() -> Sql.number(
                                "barista",
                                "select count(*) from outbox_event where published_at is null and aggregate_id = any(?)",
                                (Object) orders.stream().map(UUID::toString).toArray(String[]::new))
                        == 0);
        KafkaEvents.awaitEvent(Topics.BARISTA, orders.get(0).toString(), "cafe.barista.brew-started", EVENTUALLY);
        KafkaEvents.awaitEvent(Topics.BARISTA, orders.get(0).toString(), "cafe.barista.coffee-ready", EVENTUALLY);
    }

    @Test
    void theBaristaRacingAutoBrewForTheSameTicketsStartsEachOnce() {
        List<UUID> orders = placeOrders(10);
        String barista = Tokens.barista();
        for (UUID order : orders) {
            String ticket = await().atMost(EVENTUALLY)
                    .until(
                            () -> Sql.text("barista", "select id::text from ticket where order_id = ?", order),
                            id -> id != null);
            List<Integer> answers = Concurrently.run(
                    4,
                    () -> Tokens.as(barista)
                            .post("/tickets/" + ticket + "/start")
                            .statusCode());
            assertThat(answers, everyItem(in(List.of(200, 409))));
        }

        await().atMost(EVENTUALLY).until(() -> orders.stream().allMatch(o -> "READY".equals(status(o))));
        for (UUID order : orders) {
            onlyEvent(order, "cafe.barista.brew-started");
            onlyEvent(order, "cafe.barista.coffee-ready");
        }
    }

    private static List<UUID> placeOrders(int count) {
        List<UUID> orders =
                IntStream.range(0, count).mapToObj(i -> UUID.randomUUID()).toList();
        orders.forEach(order -> KafkaEvents.send(
                Topics.ORDERS,
                order.toString(),
                UUID.randomUUID().toString(),
                "cafe.order.placed",
                EventCodec.toJson(new OrderPlaced(
                        order, "c-auto", null, 1, "Espresso", 1, 250, "EUR", UUID.randomUUID(), Instant.now()))));
        return orders;
    }

    private static String status(UUID order) {
        return Sql.text("barista", "select status from ticket where order_id = ?", order);
    }

    /** The order's one event of this type in the outbox, read as its consumers read it. */
    private static Object onlyEvent(UUID order, String type) {
        assertThat(
                type + " once for order " + order,
                Sql.number(
                        "barista",
                        "select count(*) from outbox_event where aggregate_id = ? and event_type = ?",
                        order.toString(),
                        type),
                equalTo(1L));
        String payload = Sql.text(
                "barista",
                "select payload from outbox_event where aggregate_id = ? and event_type = ?",
                order.toString(),
                type);
        return EventCodec.fromJson(type, payload);
    }
}
