package cafe.status;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import cafe.events.BrewStarted;
import cafe.events.CoffeeReady;
import cafe.events.OrderPlaced;
import cafe.testing.LocalStackResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The live stream: the document now, then each step of a real order in order, closing after READY. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class OrderStatusStreamTest {

    @TestHTTPResource("/order-status")
    URI base;

    @Test
    void streamDeliversEveryStepInOrderToEverySubscriberAndCloses() throws Exception {
        UUID orderId = UUID.randomUUID();
        UUID ticket = UUID.randomUUID();
        StatusEvents.send(
                new OrderPlaced(orderId, "c-sse", 1, "Espresso", 1, 250, "EUR", UUID.randomUUID(), Instant.now()));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() ->
                        given().when().get("/order-status/" + orderId).then().statusCode(200));

        List<CompletableFuture<List<String>>> subscribers =
                List.of(subscribe(orderId), subscribe(orderId), subscribe(orderId));
        StatusEvents.send(new BrewStarted(orderId, ticket, Instant.now()));
        StatusEvents.send(new CoffeeReady(orderId, ticket, Instant.now().plusSeconds(1)));

        for (CompletableFuture<List<String>> subscriber : subscribers) {
            List<String> statuses = subscriber.get(30, TimeUnit.SECONDS);
            assertThat(statuses.get(0), equalTo("PLACED"));
            assertThat(statuses.subList(statuses.size() - 1, statuses.size()), contains("READY"));
            assertThat(statuses.stream().distinct().toList(), equalTo(statuses));
        }
    }

    @Test
    void streamOfAnOrderTheViewNeverLearnsOfEndsEmptyAfterTheWait() throws Exception {
        List<String> statuses = subscribe(UUID.randomUUID()).get(30, TimeUnit.SECONDS);

        assertThat(statuses, equalTo(List.of()));
    }

    private CompletableFuture<List<String>> subscribe(UUID orderId) throws Exception {
        return SseClient.open(URI.create(base + "/" + orderId + "/stream")).thenApply(SseClient::statuses);
    }
}
