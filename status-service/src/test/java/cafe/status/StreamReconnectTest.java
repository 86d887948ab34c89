package cafe.status;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cafe.events.CafeEvent;
import cafe.events.DrinkHandedOver;
import cafe.messaging.inbox.ReceivedEvent;
import cafe.testing.AnOrder;
import cafe.testing.LocalStackResource;
import cafe.testing.Sql;
import cafe.testing.SseClient;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The live stream survives the loss of the LISTEN connection: a change made while nobody listened
 * (so PostgreSQL delivered its notification to no one) still reaches an open stream once the
 * connection is back, because open streams read their document again then.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class StreamReconnectTest {

    private static final String LISTENERS = " from pg_stat_activity where datname = 'status' and query like 'LISTEN%'";

    @TestHTTPResource("/order-status")
    URI base;

    @Inject
    OrderStatusService statuses;

    @Test
    void openStreamGetsAChangeMadeWhileTheListenConnectionWasDown() throws Throwable {
        AnOrder order = AnOrder.of("c-listen");
        UUID orderId = order.id();
        StatusEvents.given(order, "PLACED", order.placed());
        CompletableFuture<List<String>> stream =
                SseClient.open(URI.create(base + "/" + orderId + "/stream"), Tokens.customer("c-listen"));
        await().atMost(Duration.ofSeconds(10)).until(() -> listeners() >= 1);

        Sql.number("status", "select count(pg_terminate_backend(pid))" + LISTENERS);
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> listeners() == 0);
        DrinkHandedOver ready =
                new DrinkHandedOver(orderId, UUID.randomUUID(), Instant.now().plusSeconds(1));
        UUID readyId = apply(ready);
        assertThat("the change was made while nobody listened", listeners(), equalTo(0L));

        List<String> events = SseClient.statuses(stream.get(30, TimeUnit.SECONDS));
        assertThat(events, equalTo(List.of("PLACED", "HANDED_OVER")));
        await().atMost(Duration.ofSeconds(10)).until(() -> listeners() >= 1);
        // the topics hold what the view holds, for the rebuild tests; the consumer finds it a duplicate
        StatusEvents.send(readyId.toString(), ready);
    }

    /** Through the consumers' own code path, but not through Kafka, so the change is made at a known moment. */
    private UUID apply(CafeEvent event) throws Throwable {
        ReceivedEvent received =
                new ReceivedEvent(UUID.randomUUID(), event.type().ceType(), event);
        VertxContextSupport.subscribeAndAwait(() -> statuses.apply(received));
        return received.id();
    }

    private static long listeners() {
        return Sql.number("status", "select count(*)" + LISTENERS);
    }
}
