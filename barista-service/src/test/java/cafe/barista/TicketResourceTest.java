package cafe.barista;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import cafe.events.EventCodec;
import cafe.events.OrderPlaced;
import cafe.events.Topics;
import cafe.testing.KafkaEvents;
import cafe.testing.LocalStackResource;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class TicketResourceTest {

    @Test
    void placedOrderFromKafkaBecomesAQueuedTicketOnce() {
        UUID orderId = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        String placed = EventCodec.toJson(
                new OrderPlaced(orderId, "c-1", null, 1, "Espresso", 2, 500, "EUR", UUID.randomUUID(), Instant.now()));

        KafkaEvents.send(Topics.ORDERS, orderId.toString(), eventId, "cafe.order.placed", placed);
        KafkaEvents.send(Topics.ORDERS, orderId.toString(), eventId, "cafe.order.placed", placed);

        // by order id: a stack reused across runs holds more queued tickets than one page
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Tokens.as(Tokens.barista())
                        .queryParam("orderId", orderId)
                        .when()
                        .get("/tickets")
                        .then()
                        .statusCode(200)
                        .body("status", hasItem("QUEUED")));
        List<String> tickets = Tokens.as(Tokens.barista())
                .queryParam("orderId", orderId)
                .when()
                .get("/tickets")
                .then()
                .extract()
                .path("id");
        org.junit.jupiter.api.Assertions.assertEquals(1, tickets.size(), "one ticket for a redelivered event");

        String ticket = tickets.get(0);
        Tokens.as(Tokens.barista())
                .when()
                .post("/tickets/" + ticket + "/finish")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        Tokens.as(Tokens.barista())
                .when()
                .post("/tickets/" + ticket + "/start")
                .then()
                .statusCode(200)
                .body("status", equalTo("BREWING"));
        Tokens.as(Tokens.barista())
                .when()
                .post("/tickets/" + ticket + "/finish")
                .then()
                .statusCode(200)
                .body("status", equalTo("READY"));
        Tokens.as(Tokens.barista())
                .when()
                .post("/tickets/" + ticket + "/start")
                .then()
                .statusCode(409);
        Tokens.as(Tokens.barista())
                .when()
                .post("/tickets/" + ticket + "/hand-over")
                .then()
                .statusCode(200)
                .body("status", equalTo("HANDED_OVER"));
        Tokens.as(Tokens.barista())
                .when()
                .post("/tickets/" + ticket + "/hand-over")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        KafkaEvents.awaitEvent(Topics.BARISTA, orderId.toString(), "cafe.barista.brew-started", Duration.ofSeconds(20));
        KafkaEvents.awaitEvent(Topics.BARISTA, orderId.toString(), "cafe.barista.coffee-ready", Duration.ofSeconds(20));
        KafkaEvents.awaitEvent(Topics.BARISTA, orderId.toString(), "cafe.barista.handed-over", Duration.ofSeconds(20));
    }

    @Test
    void onlyAReadyDrinkIsHandedOver() {
        String ticket = PlacedOrders.ticketOf(PlacedOrders.send("c-early", "Ben", "Latte", 1, 380));

        Tokens.as(Tokens.barista())
                .post("/tickets/" + ticket + "/hand-over")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("QUEUED"));
    }

    @Test
    void aTicketShowsWhatToMakeAndTheNameToCallButNotTheCustomersId() {
        UUID orderId = PlacedOrders.send("c-private", "Ana", "Espresso", 2, 500);

        String ticket = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> Tokens.as(Tokens.barista())
                                .queryParam("orderId", orderId)
                                .get("/tickets")
                                .then()
                                .statusCode(200)
                                .extract()
                                .<String>path("[0].id"),
                        id -> id != null);

        Tokens.as(Tokens.barista())
                .queryParam("orderId", orderId)
                .get("/tickets")
                .then()
                .body("[0].item", equalTo("Espresso"))
                .body("[0].customerName", equalTo("Ana"))
                .body("[0]", not(hasKey("customerId")))
                .body(not(containsString("c-private")));
        Tokens.as(Tokens.barista())
                .get("/tickets/" + ticket)
                .then()
                .statusCode(200)
                .body("qty", equalTo(2))
                .body("$", not(hasKey("customerId")))
                .body(not(containsString("c-private")));
        Tokens.as(Tokens.barista())
                .post("/tickets/" + ticket + "/start")
                .then()
                .statusCode(200)
                .body("$", not(hasKey("customerId")))
                .body(not(containsString("c-private")));
    }

    @Test
    void unknownTicketIsA404Problem() {
        Tokens.as(Tokens.barista())
                .when()
                .post("/tickets/" + UUID.randomUUID() + "/start")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void unknownStatusFilterIsA400Problem() {
        Tokens.as(Tokens.barista())
                .queryParam("status", "BOILING")
                .when()
                .get("/tickets")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("status"));
    }
}
