package cafe.status;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import cafe.events.BrewStarted;
import cafe.events.OrderPlaced;
import cafe.testing.LocalStackResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Rebuilding the view from the topics, into an empty view, gives the same documents. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class ViewRebuildTest {

    @Test
    void rebuildFromTheTopicsGivesTheSameDocuments() {
        List<UUID> orders =
                IntStream.range(0, 3).mapToObj(i -> UUID.randomUUID()).toList();
        orders.forEach(orderId -> {
            StatusEvents.send(new OrderPlaced(
                    orderId, "c-rebuild", 5, "Americano", 1, 300, "EUR", UUID.randomUUID(), Instant.now()));
            StatusEvents.send(
                    new BrewStarted(orderId, UUID.randomUUID(), Instant.now().plusSeconds(1)));
        });
        orders.forEach(orderId -> await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> given().when()
                        .get("/order-status/" + orderId)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("BREWING"))));
        List<String> before = orders.stream().map(ViewRebuildTest::document).toList();

        int events = given().when()
                .post("/admin/view/rebuild")
                .then()
                .statusCode(200)
                .extract()
                .path("events");

        assertThat(events, greaterThanOrEqualTo(6));
        assertThat(orders.stream().map(ViewRebuildTest::document).toList(), equalTo(before));
    }

    private static String document(UUID orderId) {
        return given().when()
                .get("/order-status/" + orderId)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }
}
