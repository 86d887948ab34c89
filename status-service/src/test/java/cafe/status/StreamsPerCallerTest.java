package cafe.status;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import cafe.events.DrinkHandedOver;
import cafe.testing.AnOrder;
import cafe.testing.LocalStackResource;
import cafe.testing.SseClient;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * One caller's live streams are capped: one more than cafe.status.streams-per-caller is a 429 problem with
 * Retry-After, while another customer still opens theirs; once the streams end, the caller opens one again.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class StreamsPerCallerTest {

    private static final String FLOODER = "c-many-streams";

    @TestHTTPResource("/order-status")
    URI base;

    @ConfigProperty(name = "cafe.status.streams-per-caller")
    int limit;

    @Test
    void oneCallerBeyondTheCapIsRefusedAnotherIsNotAndAnEndedStreamFreesItsPlace() throws Exception {
        UUID flooded = placed(FLOODER);
        UUID others = placed("c-one-stream");
        List<CompletableFuture<List<String>>> streams = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            streams.add(SseClient.open(stream(flooded), Tokens.customer(FLOODER)));
        }

        HttpResponse<?> refused = SseClient.answer(stream(flooded), Tokens.customer(FLOODER));
        assertThat(refused.statusCode(), equalTo(429));
        assertThat(refused.headers().firstValue("Content-Type").orElse(""), startsWith("application/problem+json"));
        assertThat(refused.headers().firstValue("Retry-After"), equalTo(Optional.of("10")));
        CompletableFuture<List<String>> another = SseClient.open(stream(others), Tokens.customer("c-one-stream"));

        StatusEvents.send(new DrinkHandedOver(flooded, UUID.randomUUID(), Instant.now()));
        for (CompletableFuture<List<String>> ended : streams) {
            assertThat(SseClient.statuses(ended.get(30, TimeUnit.SECONDS)).getLast(), equalTo("HANDED_OVER"));
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                        SseClient.statuses(SseClient.open(stream(flooded), Tokens.customer(FLOODER))
                                .get(30, TimeUnit.SECONDS)),
                        equalTo(List.of("HANDED_OVER"))));
        StatusEvents.send(new DrinkHandedOver(others, UUID.randomUUID(), Instant.now()));
        assertThat(SseClient.statuses(another.get(30, TimeUnit.SECONDS)).getLast(), equalTo("HANDED_OVER"));
    }

    private URI stream(UUID orderId) {
        return URI.create(base + "/" + orderId + "/stream");
    }

    private static UUID placed(String customer) {
        AnOrder order = AnOrder.of(customer);
        StatusEvents.given(order, "PLACED", order.placed());
        return order.id();
    }
}
