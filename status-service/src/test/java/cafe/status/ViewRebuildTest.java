package cafe.status;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

import cafe.events.BrewStarted;
import cafe.events.OrderPlaced;
import cafe.events.Topics;
import cafe.testing.LocalStackResource;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rebuilding the view from the topics gives the same documents, and customers never notice: the old
 * view answers until the new one is swapped in. One rebuild runs at a time.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class ViewRebuildTest {

    private static final String CUSTOMER = "c-rebuild";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/")
    URI root;

    @Test
    void rebuildFromTheTopicsGivesTheSameDocuments() {
        List<UUID> orders = brewingOrders();
        List<String> before = orders.stream().map(ViewRebuildTest::document).toList();

        int events = Tokens.as(Tokens.admin())
                .post("/ops/status-service/view/rebuild")
                .then()
                .statusCode(200)
                .extract()
                .path("events");

        assertThat(events, greaterThanOrEqualTo(6));
        assertThat(orders.stream().map(ViewRebuildTest::document).toList(), equalTo(before));
    }

    @Test
    void knownOrdersAnswerThroughoutARebuild() throws Exception {
        List<UUID> orders = brewingOrders();
        List<String> before = orders.stream().map(ViewRebuildTest::document).toList();
        Map<Integer, Integer> answers = new ConcurrentHashMap<>();
        AtomicBoolean rebuilding = new AtomicBoolean(true);
        ExecutorService readers = Executors.newSingleThreadExecutor();
        String token = Tokens.customer(CUSTOMER);
        Future<?> reader = readers.submit(() -> {
            while (rebuilding.get()) {
                orders.forEach(orderId -> answers.merge(statusOf("order-status/" + orderId, token), 1, Integer::sum));
            }
        });

        Tokens.as(Tokens.admin())
                .post("/ops/status-service/view/rebuild")
                .then()
                .statusCode(200);
        rebuilding.set(false);
        reader.get(10, TimeUnit.SECONDS);
        readers.shutdown();

        assertThat(answers.keySet(), equalTo(Set.of(200)));
        assertThat(answers.get(200), greaterThan(orders.size()));
        assertThat(orders.stream().map(ViewRebuildTest::document).toList(), equalTo(before));
    }

    @Test
    void aSecondRebuildWhileOneRunsIsRefused() throws Exception {
        brewingOrders();
        HttpRequest rebuild = HttpRequest.newBuilder(root.resolve("ops/status-service/view/rebuild"))
                .header("Authorization", "Bearer " + Tokens.admin())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();

        List<HttpResponse<String>> answers = Stream.of(rebuild, rebuild)
                .map(request -> HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .toList()
                .stream()
                .map(CompletableFuture::join)
                .toList();

        assertThat(answers.stream().map(HttpResponse::statusCode).sorted().toList(), equalTo(List.of(200, 409)));
        HttpResponse<String> refused =
                answers.stream().filter(a -> a.statusCode() == 409).findFirst().orElseThrow();
        assertThat(refused.headers().firstValue("Content-Type").orElse(""), startsWith("application/problem+json"));
    }

    @Test
    void aRebuildSkipsAnEventTheDatabaseRefusesAndKeepsTheOthersOfItsPoll() {
        UUID kept = UUID.randomUUID();
        UUID refused = UUID.randomUUID();
        // the live consumer dead-letters the refused one (a NUL in text); the topic keeps it for good
        StatusEvents.sendAsOneBatch(
                Topics.ORDERS,
                List.of(
                        StatusEvents.Raw.of(new OrderPlaced(
                                refused,
                                "c-\u0000",
                                null,
                                5,
                                "Americano",
                                1,
                                300,
                                "EUR",
                                UUID.randomUUID(),
                                Instant.now())),
                        StatusEvents.Raw.of(new OrderPlaced(
                                kept,
                                CUSTOMER,
                                null,
                                5,
                                "Americano",
                                1,
                                300,
                                "EUR",
                                UUID.randomUUID(),
                                Instant.now()))));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Tokens.asCustomer(CUSTOMER)
                        .get("/order-status/" + kept)
                        .then()
                        .statusCode(200));
        String before = document(kept);

        int skipped = Tokens.as(Tokens.admin())
                .post("/ops/status-service/view/rebuild")
                .then()
                .statusCode(200)
                .extract()
                .path("skipped");

        assertThat(skipped, greaterThanOrEqualTo(1));
        assertThat(document(kept), equalTo(before));
        Tokens.as(Tokens.admin()).get("/order-status/" + refused).then().statusCode(404);
    }

    /** Three orders, each placed and brewing, as the view shows them. */
    private static List<UUID> brewingOrders() {
        List<UUID> orders =
                IntStream.range(0, 3).mapToObj(i -> UUID.randomUUID()).toList();
        orders.forEach(orderId -> {
            StatusEvents.send(new OrderPlaced(
                    orderId, CUSTOMER, null, 5, "Americano", 1, 300, "EUR", UUID.randomUUID(), Instant.now()));
            StatusEvents.send(
                    new BrewStarted(orderId, UUID.randomUUID(), Instant.now().plusSeconds(1)));
        });
        orders.forEach(orderId -> await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Tokens.asCustomer(CUSTOMER)
                        .get("/order-status/" + orderId)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("BREWING"))));
        return orders;
    }

    private int statusOf(String path, String token) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(root.resolve(path))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String document(UUID orderId) {
        return Tokens.asCustomer(CUSTOMER)
                .get("/order-status/" + orderId)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }
}
