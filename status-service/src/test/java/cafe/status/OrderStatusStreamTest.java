package cafe.status;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import cafe.events.CafeEvent;
import cafe.events.DrinkHandedOver;
import cafe.events.OrderPlaced;
import cafe.messaging.inbox.ReceivedEvent;
import cafe.testing.AnOrder;
import cafe.testing.LocalStackResource;
import cafe.testing.RouteMatrix;
import cafe.testing.SseClient;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The live stream: the document now, then each step of a real order in order, closing once handed over. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class OrderStatusStreamTest {

    private static final String CUSTOMER = "c-sse";

    @TestHTTPResource("/order-status")
    URI base;

    @Inject
    OrderStatusService orderStatuses;

    @Test
    void streamDeliversEveryStepInOrderToEverySubscriberAndCloses() throws Exception {
        AnOrder order = AnOrder.of(CUSTOMER);
        UUID orderId = order.id();
        StatusEvents.given(order, "PLACED", order.placed());

        List<CompletableFuture<List<String>>> subscribers =
                List.of(subscribe(orderId), subscribe(orderId), subscribe(orderId));
        StatusEvents.send(order.brewStarted());
        StatusEvents.send(order.coffeeReady());
        StatusEvents.send(order.handedOver());

        for (CompletableFuture<List<String>> subscriber : subscribers) {
            List<String> statuses = subscriber.get(30, TimeUnit.SECONDS);
            assertThat(statuses.get(0), equalTo("PLACED"));
            assertThat(statuses.subList(statuses.size() - 1, statuses.size()), contains("HANDED_OVER"));
            assertThat(statuses.stream().distinct().toList(), equalTo(statuses));
        }
    }

    @Test
    void streamOfAnOrderTheViewNeverLearnsOfEndsEmptyAfterTheWait() throws Exception {
        List<String> statuses = subscribe(UUID.randomUUID()).get(30, TimeUnit.SECONDS);

        assertThat(statuses, equalTo(List.of()));
    }

    @Test
    void streamOfAnotherCustomersOrderIsA404ProblemBeforeItStarts() {
        AnOrder order = AnOrder.of(CUSTOMER);
        StatusEvents.given(order, "PLACED", order.placed());

        Tokens.asCustomer(RouteMatrix.OTHER_CUSTOMER)
                .get("/order-status/" + order.id() + "/stream")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void streamOfAnOrderTheViewLearnsOfWhileWaitingEndsWithoutItWhenItIsAnotherCustomers() throws Throwable {
        UUID orderId = UUID.randomUUID();
        UUID ticket = UUID.randomUUID();
        CompletableFuture<List<String>> othersStream = SseClient.open(
                        URI.create(base + "/" + orderId + "/stream"), Tokens.customer(RouteMatrix.OTHER_CUSTOMER))
                .thenApply(SseClient::statuses);
        CompletableFuture<List<String>> ownersStream = subscribe(orderId);

        // straight through the consumers' code path, well within the streams' wait for an unknown order
        Instant placedAt = Instant.now();
        apply(new OrderPlaced(orderId, CUSTOMER, null, 1, "Espresso", 1, 250, "EUR", UUID.randomUUID(), placedAt));
        apply(new DrinkHandedOver(orderId, ticket, placedAt.plusSeconds(1)));

        List<String> owners = ownersStream.get(30, TimeUnit.SECONDS);
        assertThat("the owner's stream, open as long, got the order", owners.getLast(), equalTo("HANDED_OVER"));
        assertThat(othersStream.get(30, TimeUnit.SECONDS), equalTo(List.of()));
    }

    /** Applies the event now, and puts it on its topic too, where the rebuild tests expect what the view holds. */
    private void apply(CafeEvent event) throws Throwable {
        ReceivedEvent received =
                new ReceivedEvent(UUID.randomUUID(), event.type().ceType(), event);
        VertxContextSupport.subscribeAndAwait(() -> orderStatuses.apply(received));
        StatusEvents.send(received.id().toString(), event);
    }

    private CompletableFuture<List<String>> subscribe(UUID orderId) throws Exception {
        return SseClient.open(URI.create(base + "/" + orderId + "/stream"), Tokens.customer(CUSTOMER))
                .thenApply(SseClient::statuses);
    }
}
