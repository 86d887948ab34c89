package cafe.status;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import cafe.events.BrewCanceled;
import cafe.events.BrewStarted;
import cafe.events.DrinkHandedOver;
import cafe.events.OrderPlaced;
import cafe.events.Topics;
import cafe.status.StatusEvents.Raw;
import cafe.testing.LocalStackResource;
import cafe.testing.Sql;
import cafe.testing.SseClient;
import cafe.testing.Tokens;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A poll's records are applied together: one transaction, each event once, each order folded from all
 * its events whatever their order in the batch, and one change announced per order.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class BatchedEventsTest {

    private static final String CUSTOMER = "c-batch";

    @TestHTTPResource("/order-status")
    URI base;

    @Test
    void aBatchWithDuplicatesTouchingOrdersSeveralTimesInMixedOrderIsAppliedOnceInOneTransaction() throws Exception {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        UUID ticket1 = UUID.randomUUID();
        UUID ticket2 = UUID.randomUUID();
        UUID ticket3 = UUID.randomUUID();
        Instant t0 = Instant.now();
        StatusEvents.send(new OrderPlaced(first, CUSTOMER, null, 1, "Latte", 1, 380, "EUR", UUID.randomUUID(), t0));
        StatusEvents.send(new OrderPlaced(second, CUSTOMER, null, 2, "Mocha", 1, 420, "EUR", UUID.randomUUID(), t0));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Tokens.asCustomer(CUSTOMER).get("/order-status/" + first).then().statusCode(200);
            Tokens.asCustomer(CUSTOMER).get("/order-status/" + second).then().statusCode(200);
        });
        CompletableFuture<List<String>> following = SseClient.open(
                        URI.create(base + "/" + first + "/stream"), Tokens.customer(CUSTOMER))
                .thenApply(SseClient::statuses);

        Raw firstReady = Raw.of(new DrinkHandedOver(first, ticket1, t0.plusSeconds(60)));
        Raw secondStarted = Raw.of(new BrewStarted(second, ticket2, t0.plusSeconds(5)));
        Raw firstStarted = Raw.of(new BrewStarted(first, ticket1, t0.plusSeconds(5)));
        Raw secondDropped = Raw.of(new BrewCanceled(second, ticket2, t0.plusSeconds(30)));
        // an order the view meets first through the barista: no placed event yet
        Raw thirdStarted = Raw.of(new BrewStarted(third, ticket3, t0.plusSeconds(7)));
        StatusEvents.sendAsOneBatch(
                Topics.BARISTA,
                List.of(
                        firstReady,
                        secondStarted,
                        firstStarted,
                        firstReady,
                        thirdStarted,
                        secondDropped,
                        secondStarted));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Tokens.asCustomer(CUSTOMER)
                        .get("/order-status/" + first)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("HANDED_OVER"))
                        .body(
                                "timeline.event",
                                equalTo(List.of(
                                        "cafe.order.placed",
                                        "cafe.barista.brew-started",
                                        "cafe.barista.handed-over"))));
        Tokens.asCustomer(CUSTOMER)
                .get("/order-status/" + second)
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELED"))
                .body("item", equalTo("Mocha"))
                .body("timeline", hasSize(3));
        // no placed event, so no customer yet: only an operator sees it
        Tokens.as(Tokens.admin())
                .get("/order-status/" + third)
                .then()
                .statusCode(200)
                .body("status", equalTo("BREWING"))
                .body("customerId", equalTo(null))
                .body("timeline", hasSize(1));
        String ids = List.of(firstReady, secondStarted, firstStarted, secondDropped, thirdStarted).stream()
                .map(raw -> "'" + raw.eventId() + "'")
                .collect(Collectors.joining(","));
        assertThat(
                "each event stored once",
                Sql.number("status", "select count(*) from status_event where event_id in (" + ids + ")"),
                equalTo(5L));
        assertThat(
                "the events and the three documents they changed, written by one transaction",
                Sql.number(
                        "status",
                        "select count(distinct xid) from (select xmin::text as xid from status_event where event_id in ("
                                + ids + ") union all select xmin::text from order_status where order_id in (?, ?, ?))"
                                + " as written",
                        first,
                        second,
                        third),
                equalTo(1L));
        List<String> statuses = following.get(30, TimeUnit.SECONDS);
        assertThat(
                "the stream was told of the batch's change, once", statuses, equalTo(List.of("PLACED", "HANDED_OVER")));
    }
}
