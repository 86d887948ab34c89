package cafe.status;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import cafe.events.CoffeeReady;
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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A rebuild held in the middle: the test keeps a lock on a shadow table, so the rebuild waits at its
 * first write there, after it began. Meanwhile a second rebuild is refused, the order still answers
 * from the live view, and an event the live consumer receives is in the view once the rebuild is swapped in.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class RebuildInProgressTest {

    private static final String WAITING_ON_A_LOCK =
            "select count(*) from pg_stat_activity where datname = 'status' and wait_event_type = 'Lock'"
                    + " and query like '%rebuild.%'";

    private static final String CUSTOMER = "c-held";

    @Inject
    OrderStatusService statuses;

    @Test
    void whileARebuildRunsASecondIsRefusedReadsGoOnAndLiveEventsAreMergedIn() throws Throwable {
        AnOrder order = AnOrder.of(CUSTOMER);
        UUID orderId = order.id();
        StatusEvents.given(order, "BREWING", order.placed(), order.brewStarted());
        CoffeeReady ready = order.coffeeReady();
        ReceivedEvent readyReceived =
                new ReceivedEvent(UUID.randomUUID(), ready.type().ceType(), ready);

        CompletableFuture<Response> rebuild;
        try (Connection held = shadowTableHeld()) {
            rebuild = CompletableFuture.supplyAsync(
                    () -> Tokens.as(Tokens.admin()).post("/ops/status-service/view/rebuild"),
                    Executors.newSingleThreadExecutor());
            await().atMost(Duration.ofSeconds(20)).until(() -> Sql.number("status", WAITING_ON_A_LOCK) >= 1);

            Tokens.as(Tokens.admin())
                    .post("/ops/status-service/view/rebuild")
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json");
            Tokens.asCustomer(CUSTOMER).get("/order-status/" + orderId).then().statusCode(200);
            // through the consumers' code path but not Kafka: only the merge at the swap can bring it in
            VertxContextSupport.subscribeAndAwait(() -> statuses.apply(readyReceived));
            held.rollback();
        }

        Response rebuilt = rebuild.get(60, TimeUnit.SECONDS);
        assertThat(rebuilt.statusCode(), equalTo(200));
        assertThat(rebuilt.path("merged"), greaterThanOrEqualTo(1));
        Tokens.asCustomer(CUSTOMER)
                .get("/order-status/" + orderId)
                .then()
                .statusCode(200)
                .body("status", equalTo("READY"))
                .body("timeline.size()", equalTo(3));
        // the topics hold what the view holds, for later rebuilds; the consumer finds it a duplicate
        StatusEvents.send(readyReceived.id().toString(), ready);
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
