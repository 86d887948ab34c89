package cafe.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.empty;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The four packaged services on the real stack: an order travels from the menu to the barista and the view. */
class HappyPathIT {

    static RunningSystem system;

    @BeforeAll
    static void start() {
        system = RunningSystem.start(Map.of());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void paidOrderReachesTheBaristaQueueAndTheStatusView() {
        given().when().get(system.url("order-service") + "/menu").then().statusCode(200).body("$", not(empty()));

        String orderId = given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"c-happy\",\"menuId\":1,\"qty\":2}")
                .when().post(system.url("order-service") + "/orders")
                .then().statusCode(201)
                .body("status", equalTo("PLACED"))
                .body("amount", equalTo(500))
                .extract().path("id");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("status", "QUEUED")
                .when().get(system.url("barista-service") + "/tickets")
                .then().statusCode(200).body("orderId", hasItem(orderId)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .when().get(system.url("status-service") + "/order-status/" + orderId)
                .then().statusCode(200)
                .body("status", equalTo("PLACED"))
                .body("paymentState", equalTo("PAID")));
    }
}
