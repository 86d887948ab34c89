package cafe.barista;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import cafe.events.EventCodec;
import cafe.testing.AnOrder;
import cafe.testing.CloudEvents;
import cafe.testing.Concurrently;
import cafe.testing.LocalStackResource;
import cafe.testing.Sql;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Knative mode: binary-mode CloudEvents over HTTP reach the same handler as the Kafka channel, once each. */
@QuarkusTest
@TestProfile(KnativeMode.class)
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class CloudEventHttpTest {

    @Test
    void placedOrderDeliveredOverHttpQueuesOneTicketAndTheCancelStopsIt() {
        AnOrder order = AnOrder.of("c-kn");
        String placedId = UUID.randomUUID().toString();

        CloudEvents.post(placedId, order.placed()).then().statusCode(202);
        CloudEvents.post(placedId, order.placed()).then().statusCode(202);
        Tokens.as(Tokens.barista())
                .queryParam("orderId", order.id())
                .when()
                .get("/tickets")
                .then()
                .body("$", hasSize(1))
                .body("[0].status", equalTo("QUEUED"));

        CloudEvents.post(order.cancelRequested()).then().statusCode(202);
        Tokens.as(Tokens.barista())
                .queryParam("orderId", order.id())
                .when()
                .get("/tickets")
                .then()
                .body("[0].status", equalTo("CANCELED"));
    }

    @Test
    void theSameOrderPlacedAgainUnderANewEventIdStillHasOneTicket() {
        AnOrder order = AnOrder.of("c-kn");

        CloudEvents.post(order.placed()).then().statusCode(202);
        // a new event id passes the inbox: the ticket's unique order id turns it away, and it is no error
        CloudEvents.post(order.placed()).then().statusCode(202);

        Tokens.as(Tokens.barista())
                .queryParam("orderId", order.id())
                .when()
                .get("/tickets")
                .then()
                .body("$", hasSize(1));
    }

    @Test
    void aCancelDeliveredTogetherWithItsOrderAlwaysWins() {
        List<AnOrder> orders =
                IntStream.range(0, 20).mapToObj(i -> AnOrder.of("c-kn")).toList();
        AtomicInteger next = new AtomicInteger();
        // each order's placed and canceled events, all released at once, as parallel deliveries bring them
        List<Integer> answers = Concurrently.run(2 * orders.size(), () -> {
            int i = next.getAndIncrement();
            AnOrder order = orders.get(i / 2);
            return CloudEvents.post(i % 2 == 0 ? order.placed() : order.cancelRequested())
                    .statusCode();
        });
        assertThat(answers, everyItem(equalTo(202)));

        for (UUID orderId : orders.stream().map(AnOrder::id).toList()) {
            String status = Sql.text("barista", "select status from ticket where order_id = ?", orderId);
            long tombstones = Sql.number(
                    "barista",
                    "select count(*) from order_gate where order_id = ? and canceled_at is not null",
                    orderId);
            long canceledEvents = Sql.number(
                    "barista",
                    "select count(*) from outbox_event where aggregate_id = ?"
                            + " and event_type = 'cafe.barista.brew-canceled'",
                    orderId.toString());
            if (status == null) {
                assertThat("cancel first: remembered, nothing queued", tombstones, equalTo(1L));
                assertThat("and accepted, so the order is refunded", canceledEvents, equalTo(1L));
            } else {
                assertThat("order first: its ticket cancelled", status, equalTo("CANCELED"));
                assertThat(canceledEvents, equalTo(1L));
            }
        }
    }

    @Test
    void onlyKnativeEventingsSenderMayDeliverAndAnyOtherIdentityChangesNothing() {
        AnOrder order = AnOrder.of("c-kn");
        Map<String, RequestSpecification> intruders = new LinkedHashMap<>();
        intruders.put("no token", RestAssured.given());
        intruders.put("a cafe service", Tokens.as(Tokens.service()));
        intruders.put("a customer", Tokens.as(Tokens.customer("c-kn")));
        intruders.put("an operator", Tokens.as(Tokens.admin()));
        intruders.put(
                "another service's audience",
                Tokens.as(Tokens.eventing(Tokens.eventingSender(), "cafe/payment-service/events")));
        intruders.put(
                "another service account",
                Tokens.as(Tokens.eventing("system:serviceaccount:cafe:intruder", Tokens.eventingAudience())));
        intruders.forEach((who, request) -> {
            Response answer = CloudEvents.postAs(request, UUID.randomUUID().toString(), order.placed());
            assertThat(who, answer.statusCode(), equalTo(who.equals("another service account") ? 403 : 401));
            assertThat(who, answer.contentType(), equalTo("application/problem+json"));
        });

        assertThat(tickets(order), equalTo(0L));
        CloudEvents.post(order.placed()).then().statusCode(202);
        assertThat(tickets(order), equalTo(1L));
    }

    @Test
    void unreadableEventIsA400ProblemAndChangesNothing() {
        cloudEvent(UUID.randomUUID().toString(), "cafe.order.placed")
                .body("{\"orderId\":42")
                .when()
                .post("/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        cloudEvent("not-a-uuid", "cafe.order.placed")
                .body("{}")
                .when()
                .post("/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        cloudEvent(UUID.randomUUID().toString(), "cafe.unknown.type")
                .body("{}")
                .when()
                .post("/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    /** An order placed in barista's queue by anyone but order-service would be a free drink. */
    @Test
    void anEventNamingAnotherSourceThanItsTypesOwnerIsA400ProblemAndQueuesNothing() {
        AnOrder order = AnOrder.of("c-kn");

        cloudEvent(UUID.randomUUID().toString(), "cafe.order.placed", "/payment-service")
                .body(EventCodec.toJson(order.placed()))
                .when()
                .post("/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("comes from /order-service, not from /payment-service"));

        assertThat(tickets(order), equalTo(0L));
    }

    /**
     * The race order_gate exists for, forced: a cancel has closed the order's gate and not committed yet
     * (here a test connection holds that row) when the order's placed event arrives. The placed event
     * waits for it, then reads the committed cancel and queues nothing.
     */
    @Test
    void aPlacedEventThatArrivesWhileACancelHoldsTheGateWaitsAndQueuesNothing() throws Exception {
        AnOrder order = AnOrder.of("c-kn");
        CompletableFuture<Integer> placed;
        try (Connection sql = Sql.connect("barista");
                PreparedStatement closeGate =
                        sql.prepareStatement("insert into order_gate (order_id, canceled_at) values (?, now())")) {
            sql.setAutoCommit(false);
            closeGate.setObject(1, order.id());
            closeGate.executeUpdate();

            placed = CompletableFuture.supplyAsync(
                    () -> CloudEvents.post(order.placed()).statusCode());
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> Sql.number(
                                    "barista",
                                    "select count(*) from pg_stat_activity where datname = 'barista'"
                                            + " and wait_event_type = 'Lock'")
                            > 0);
            assertThat("the placed event waits for the gate", placed.isDone(), equalTo(false));
            sql.commit();
        }

        assertThat(placed.get(10, TimeUnit.SECONDS), equalTo(202));
        assertThat(tickets(order), equalTo(0L));
    }

    private static long tickets(AnOrder order) {
        return Sql.number("barista", "select count(*) from ticket where order_id = ?", order.id());
    }

    private static RequestSpecification cloudEvent(String id, String type) {
        return cloudEvent(id, type, "/order-service");
    }

    private static RequestSpecification cloudEvent(String id, String type, String source) {
        return CloudEvents.request(Tokens.as(Tokens.eventing()), id, type, source);
    }
}
