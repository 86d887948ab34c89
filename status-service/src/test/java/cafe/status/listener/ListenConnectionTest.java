package cafe.status.listener;

import static org.awaitility.Awaitility.await;

import cafe.messaging.live.ListenConnection;
import cafe.stack.LocalStack;
import cafe.stack.StackSettings;
import cafe.testing.LocalStackResource;
import cafe.testing.Sql;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
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
                vertx,
                options(),
                CHANNEL,
                Duration.ofMillis(200),
                received::add,
                listening::incrementAndGet,
                Duration.ofSeconds(30),
                () -> Uni.createFrom().voidItem());
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

    /**
     * A LISTEN that hears nothing, not even its own heartbeats (a half-open connection looks the same from
     * here), is replaced after two heartbeats: the owner is told it listens again, to read what it missed,
     * and the new connection hears what is sent on the channel; heartbeats never reach the owner.
     */
    @Test
    void aListenThatHearsNothingForTwoHeartbeatsIsReplaced() {
        AtomicInteger listening = new AtomicInteger();
        List<String> received = new CopyOnWriteArrayList<>();
        AtomicBoolean heartbeatsArrive = new AtomicBoolean(true);
        ListenConnection listen = new ListenConnection(
                vertx,
                options(),
                CHANNEL,
                Duration.ofMillis(200),
                received::add,
                listening::incrementAndGet,
                Duration.ofMillis(500),
                () -> Uni.createFrom()
                        .item(() -> heartbeatsArrive.get()
                                ? Sql.update(DATABASE, "notify " + CHANNEL + ", '" + ListenConnection.HEARTBEAT + "'")
                                : 0)
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
        try {
            listen.open();
            await().atMost(Duration.ofSeconds(10)).until(() -> listening.get() == 1);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> listening.get() == 1);

            heartbeatsArrive.set(false);
            await().atMost(Duration.ofSeconds(10)).until(() -> listening.get() >= 2);
            heartbeatsArrive.set(true);
            int replaced = listening.get();
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> listening.get() == replaced);
            Sql.update(DATABASE, "notify " + CHANNEL + ", 'after'");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.equals(List.of("after")));
        } finally {
            listen.close();
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
