package cafe.status.listener;

import static org.awaitility.Awaitility.await;

import cafe.stack.LocalStack;
import cafe.stack.StackSettings;
import cafe.testing.LocalStackResource;
import cafe.testing.Sql;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A LISTEN whose first connect fails is tried again until it is in place. Here the database it listens
 * in takes no connection when it starts (its connection limit is 0); a database of the local stack
 * that no status-service code uses.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class ListenConnectionTest {

    private static final String CHANNEL = "listen_test";
    private static final String DATABASE = "messaging";

    @Inject
    Vertx vertx;

    @Test
    void firstConnectThatFailsIsTriedAgainUntilTheListenIsInPlace() {
        AtomicInteger listening = new AtomicInteger();
        List<String> received = new CopyOnWriteArrayList<>();
        ListenConnection listen = new ListenConnection(
                vertx, options(), CHANNEL, Duration.ofMillis(200), received::add, listening::incrementAndGet);
        Sql.update("status", "alter database " + DATABASE + " connection limit 0");
        try {
            listen.open();
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> listening.get() == 0);

            Sql.update("status", "alter database " + DATABASE + " connection limit -1");

            await().atMost(Duration.ofSeconds(10)).until(() -> listening.get() == 1);
            Sql.update(DATABASE, "notify " + CHANNEL + ", 'hello'");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.equals(List.of("hello")));
        } finally {
            listen.close();
            Sql.update("status", "alter database " + DATABASE + " connection limit -1");
        }
    }

    private static PgConnectOptions options() {
        return new PgConnectOptions()
                .setHost("127.0.0.1")
                .setPort(LocalStack.shared().settings().postgresPort())
                .setDatabase(DATABASE)
                .setUser(StackSettings.DB_USER)
                .setPassword(StackSettings.DB_PASSWORD);
    }
}
