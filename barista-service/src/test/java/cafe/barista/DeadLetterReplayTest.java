package cafe.barista;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import cafe.events.EventCodec;
import cafe.events.OrderPlaced;
import cafe.events.Topics;
import cafe.testing.KafkaEvents;
import cafe.testing.LocalStackResource;
import cafe.testing.Management;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What reached the dead-letter topic shows (a wellness check, a gauge) until it is replayed through the
 * service's own handlers, once; a record that still cannot be read is counted and left behind.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class DeadLetterReplayTest {

    @Test
    void aDeadLetteredOrderIsReplayedIntoATicketOnceAndTheChecksClear() {
        UUID orderId = UUID.randomUUID();
        // an order dead-lettered by a fault since fixed, and a record that can never be read
        deadLetter(
                new OrderPlaced(orderId, "c-dlq", null, 3, "Latte", 1, 380, "EUR", UUID.randomUUID(), Instant.now()));
        KafkaEvents.sendUnchecked(
                Topics.deadLetterOf("barista-service"),
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                "cafe.order.placed",
                "{not json");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Tokens.as(Tokens.admin())
                        .when()
                        .get("/ops/barista-service/dead-letters")
                        .then()
                        .statusCode(200)
                        .body("topic", equalTo("cafe-barista-service-dlq"))
                        .body("pending", greaterThanOrEqualTo(2)));
        given().when()
                .get(Management.url("/q/health/well"))
                .then()
                .statusCode(503)
                .body("checks.find { it.name == 'dead-letters' }.status", equalTo("DOWN"));

        Tokens.as(Tokens.admin())
                .when()
                .post("/ops/barista-service/dead-letters/replay")
                .then()
                .statusCode(200)
                .body("applied", greaterThanOrEqualTo(1))
                .body("parked", greaterThanOrEqualTo(1));

        Tokens.as(Tokens.barista())
                .queryParam("orderId", orderId)
                .when()
                .get("/tickets")
                .then()
                .body("$", hasSize(1))
                .body("[0].status", equalTo("QUEUED"));
        int parked = Tokens.as(Tokens.admin())
                .when()
                .get("/ops/barista-service/dead-letters")
                .then()
                .body("pending", equalTo(0))
                .body("latestParked.reason", hasItem(startsWith("unreadable")))
                .extract()
                .path("parked");
        // the gauges hold what the last check counted
        given().when()
                .get(Management.url("/q/metrics"))
                .then()
                .body(org.hamcrest.Matchers.containsString("cafe_dead_letters_pending 0.0"))
                .body(org.hamcrest.Matchers.containsString("cafe_dead_letters_parked " + parked + ".0"));
        Tokens.as(Tokens.admin())
                .when()
                .post("/ops/barista-service/dead-letters/replay")
                .then()
                .statusCode(200)
                .body("replayed", equalTo(0));
        Tokens.as(Tokens.barista())
                .queryParam("orderId", orderId)
                .when()
                .get("/tickets")
                .then()
                .body("$", hasSize(1));
    }

    /**
     * A dead letter the database still refuses (a NUL in a text column) is parked with the reason, and the
     * replay goes on to the good record behind it instead of stopping there every time.
     */
    @Test
    void aRecordTheDatabaseStillRefusesIsParkedAndTheReplayGoesOnPastIt() {
        UUID refused = UUID.randomUUID();
        UUID behind = UUID.randomUUID();
        deadLetter(
                new OrderPlaced(refused, "c-dlq", null, 3, "La\0tte", 1, 380, "EUR", UUID.randomUUID(), Instant.now()));
        deadLetter(new OrderPlaced(behind, "c-dlq", null, 3, "Latte", 1, 380, "EUR", UUID.randomUUID(), Instant.now()));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Tokens.as(Tokens.admin())
                        .get("/ops/barista-service/dead-letters")
                        .then()
                        .body("pending", greaterThanOrEqualTo(2)));

        Tokens.as(Tokens.admin())
                .when()
                .post("/ops/barista-service/dead-letters/replay")
                .then()
                .statusCode(200)
                .body("applied", greaterThanOrEqualTo(1))
                .body("parked", greaterThanOrEqualTo(1));

        Tokens.as(Tokens.barista())
                .queryParam("orderId", behind)
                .get("/tickets")
                .then()
                .body("$", hasSize(1));
        Tokens.as(Tokens.admin())
                .get("/ops/barista-service/dead-letters")
                .then()
                .body("pending", equalTo(0))
                .body("parked", greaterThanOrEqualTo(1))
                .body(
                        "latestParked.find { it.type == 'cafe.order.placed' && it.reason.startsWith('refused') }",
                        notNullValue());
        Tokens.as(Tokens.admin())
                .post("/ops/barista-service/dead-letters/replay")
                .then()
                .statusCode(200)
                .body("replayed", equalTo(0));
    }

    private static void deadLetter(OrderPlaced order) {
        KafkaEvents.send(
                Topics.deadLetterOf("barista-service"),
                order.orderId().toString(),
                UUID.randomUUID().toString(),
                "cafe.order.placed",
                EventCodec.toJson(order));
    }
}
