package cafe.status;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;

import cafe.events.BrewStarted;
import cafe.events.CafeEvent;
import cafe.events.CoffeeReady;
import cafe.events.OrderPlaced;
import cafe.messaging.inbox.ReceivedEvent;
import cafe.stack.LocalStack;
import cafe.stack.StackSettings;
import cafe.testing.AnOrder;
import cafe.testing.LocalStackResource;
import cafe.testing.Sql;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A batch the live consumer applies while a rebuild runs (several orders, one of them new, an event
 * twice, out of order) is in the view the rebuild swaps in: merged at the swap, since the topics the
 * rebuild replays do not hold it.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class RebuildMergesLiveBatchTest {

    private static final String WAITING_ON_A_LOCK =
            "select count(*) from pg_stat_activity where datname = 'status' and wait_event_type = 'Lock'"
                    + " and query like '%rebuild.%'";

    private static final String CUSTOMER = "c-merge";

    @Inject
    OrderStatusService statuses;

    @Test
    void aLiveBatchAppliedDuringARebuildIsMergedIntoTheSwappedInView() throws Throwable {
        AnOrder order = AnOrder.of(CUSTOMER);
        UUID brewing = order.id();
        UUID fresh = UUID.randomUUID();
        UUID freshTicket = UUID.randomUUID();
        Instant t0 = order.placedAt();
        StatusEvents.given(order, "BREWING", order.placed(), order.brewStarted());
        ReceivedEvent ready = received(order.coffeeReady());
        ReceivedEvent freshReady = received(new CoffeeReady(fresh, freshTicket, t0.plusSeconds(9)));
        ReceivedEvent freshStarted = received(new BrewStarted(fresh, freshTicket, t0.plusSeconds(8)));
        ReceivedEvent freshPlaced = received(new OrderPlaced(
                fresh, CUSTOMER, null, 3, "Mocha", 1, 420, "EUR", UUID.randomUUID(), t0.plusSeconds(7)));
        List<ReceivedEvent> batch = List.of(freshReady, ready, freshStarted, ready, freshPlaced);

        CompletableFuture<Response> rebuild;
        try (Connection held = shadowTableHeld()) {
            rebuild = CompletableFuture.supplyAsync(
                    () -> Tokens.as(Tokens.admin()).post("/ops/status-service/view/rebuild"),
                    Executors.newSingleThreadExecutor());
            await().atMost(Duration.ofSeconds(20)).until(() -> Sql.number("status", WAITING_ON_A_LOCK) >= 1);
            // through the consumers' batch path but not Kafka: only the merge at the swap can bring it in
            List<OrderStatusDocument> applied = VertxContextSupport.subscribeAndAwait(() -> statuses.applyAll(batch));
            assertThat("one new document per order", applied, hasSize(2));
            Tokens.asCustomer(CUSTOMER)
                    .get("/order-status/" + fresh)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("READY"));
            held.rollback();
        }

        Response rebuilt = rebuild.get(60, TimeUnit.SECONDS);
        assertThat(rebuilt.statusCode(), equalTo(200));
        assertThat(rebuilt.path("merged"), greaterThanOrEqualTo(4));
        Tokens.asCustomer(CUSTOMER)
                .get("/order-status/" + brewing)
                .then()
                .statusCode(200)
                .body("status", equalTo("READY"))
                .body("timeline", hasSize(3));
        Tokens.asCustomer(CUSTOMER)
                .get("/order-status/" + fresh)
                .then()
                .statusCode(200)
                .body("status", equalTo("READY"))
                .body("item", equalTo("Mocha"))
                .body(
                        "timeline.event",
                        equalTo(List.of(
                                "cafe.order.placed", "cafe.barista.brew-started", "cafe.barista.coffee-ready")));
        // the topics hold what the view holds, for later rebuilds; the consumer finds them duplicates
        List.of(ready, freshReady, freshStarted, freshPlaced)
                .forEach(event -> StatusEvents.send(event.id().toString(), event.payload()));
    }

    private static ReceivedEvent received(CafeEvent event) {
        return new ReceivedEvent(UUID.randomUUID(), event.type().ceType(), event);
    }

    /** A transaction that holds a lock on a shadow table, so the rebuild's first write there waits. */
    private static Connection shadowTableHeld() throws Exception {
        Connection connection = DriverManager.getConnection(
                LocalStack.shared().settings().jdbcUrl("status"), StackSettings.DB_USER, StackSettings.DB_PASSWORD);
        connection.setAutoCommit(false);
        try (Statement lock = connection.createStatement()) {
            lock.execute("lock table rebuild.order_status in access share mode");
        }
        return connection;
    }
}
