package cafe.status;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import cafe.testing.AnOrder;
import cafe.testing.LocalStackResource;
import cafe.testing.SseClient;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A quiet live stream is kept alive with comments, which clients ignore, and ends after its lifetime
 * even though its order is not in a final state (the client opens it again).
 */
@QuarkusTest
@TestProfile(ShortStreams.class)
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class StreamLifetimeTest {

    @TestHTTPResource("/order-status")
    URI base;

    private UUID orderId;

    @BeforeEach
    void placedOrder() {
        AnOrder order = AnOrder.of("c-quiet");
        orderId = order.id();
        StatusEvents.given(order, "PLACED", order.placed());
    }

    @Test
    void quietStreamGetsKeepAliveComments() throws Exception {
        List<String> lines = stream().get(30, TimeUnit.SECONDS);

        long comments = lines.stream().filter(line -> line.startsWith(":")).count();
        assertThat(comments, greaterThanOrEqualTo(2L));
        assertThat(SseClient.statuses(lines), equalTo(List.of("PLACED")));
    }

    @Test
    void streamEndsAfterItsLifetimeThoughTheOrderIsNotFinal() throws Exception {
        long opened = System.nanoTime();

        List<String> lines = stream().get(30, TimeUnit.SECONDS);

        assertThat(SseClient.statuses(lines), equalTo(List.of("PLACED")));
        assertThat(
                Duration.ofNanos(System.nanoTime() - opened).compareTo(Duration.ofSeconds(2)), greaterThanOrEqualTo(0));
    }

    private CompletableFuture<List<String>> stream() throws Exception {
        return SseClient.open(URI.create(base + "/" + orderId + "/stream"), Tokens.customer("c-quiet"));
    }
}
