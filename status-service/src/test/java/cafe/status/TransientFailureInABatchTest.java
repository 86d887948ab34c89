package cafe.status;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import cafe.events.OrderPlaced;
import cafe.events.Topics;
import cafe.stack.LocalStack;
import cafe.stack.StackSettings;
import cafe.status.StatusEvents.Raw;
import cafe.testing.KafkaEvents;
import cafe.testing.LocalStackResource;
import cafe.testing.Sql;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A batch whose transaction fails for a passing reason (here its connection is cut, twice) is retried
 * until it is applied, and nothing of it is dead-lettered.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class TransientFailureInABatchTest {

    /** The service's transactions waiting for an order's lock (the test holds it). */
    static final String WAITING_FOR_THE_ORDER =
            "select pid from pg_stat_activity where datname = 'status' and wait_event_type = 'Lock'"
                    + " and query like 'select pg_advisory_xact_lock(lock_key)%' limit 1";

    @Test
    void aBatchCutOffFromTheDatabaseIsRetriedUntilAppliedAndNeverDeadLettered() throws Exception {
        UUID held = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        try (Connection test = holdingTheLockOf(held)) {
            StatusEvents.sendAsOneBatch(Topics.ORDERS, List.of(Raw.of(placed(held)), Raw.of(placed(other))));

            cutOffTheTransactionWaitingForTheOrder(); // the batch's
            cutOffTheTransactionWaitingForTheOrder(); // the retry of its first event alone
            Tokens.asCustomer("c-cut").get("/order-status/" + other).then().statusCode(404);
            test.rollback();
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Tokens.asCustomer("c-cut")
                    .get("/order-status/" + held)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("PLACED"));
            Tokens.asCustomer("c-cut")
                    .get("/order-status/" + other)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("PLACED"));
        });
        List<String> keys = List.of(held.toString(), other.toString());
        assertThat(
                KafkaEvents.readAll(Topics.deadLetterOf("status-service")).stream()
                        .map(ConsumerRecord::key)
                        .filter(keys::contains)
                        .toList(),
                empty());
    }

    /**
     * A connection whose open transaction holds the order's lock, as the view's transactions take it: they
     * wait for it until the connection rolls back or closes.
     */
    static Connection holdingTheLockOf(UUID orderId) throws SQLException {
        Connection connection = DriverManager.getConnection(
                LocalStack.shared().settings().jdbcUrl("status"), StackSettings.DB_USER, StackSettings.DB_PASSWORD);
        connection.setAutoCommit(false);
        try (PreparedStatement lock =
                connection.prepareStatement("select pg_advisory_xact_lock(hashtextextended(cast(? as text), 0))")) {
            lock.setString(1, orderId.toString());
            lock.execute();
        }
        return connection;
    }

    private static void cutOffTheTransactionWaitingForTheOrder() {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Sql.number("status", "select count(*) from (" + WAITING_FOR_THE_ORDER + ") as w") == 1);
        long pid = Sql.number("status", WAITING_FOR_THE_ORDER);
        assertThat(Sql.text("status", "select cast(pg_terminate_backend(?) as text)", (int) pid), equalTo("true"));
        // gone once PostgreSQL has ended the backend
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        Sql.number("status", "select count(*) from pg_stat_activity where pid = ?", (int) pid) == 0);
    }

    private static OrderPlaced placed(UUID orderId) {
        return new OrderPlaced(orderId, "c-cut", null, 1, "Ristretto", 1, 240, "EUR", UUID.randomUUID(), Instant.now());
    }
}
