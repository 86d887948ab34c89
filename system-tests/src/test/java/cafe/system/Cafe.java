package cafe.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a customer and a barista do, over HTTP, against the running system. */
final class Cafe {

    static final Duration EVENTUALLY = Duration.ofSeconds(45);

    private final RunningSystem system;

    Cafe(RunningSystem system) {
        this.system = system;
    }

    Response order(String customerId, int menuId, int qty) {
        return given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + customerId + "\",\"menuId\":" + menuId + ",\"qty\":" + qty + "}")
                .when()
                .post(system.url("order-service") + "/orders");
    }

    String placeOrder(String customerId) {
        return order(customerId, 2, 1).then().statusCode(201).extract().path("id");
    }

    Response cancel(String orderId) {
        return given().when().post(system.url("order-service") + "/orders/" + orderId + "/cancel");
    }

    String orderStatus(String orderId) {
        return given().when()
                .get(system.url("order-service") + "/orders/" + orderId)
                .then()
                .extract()
                .path("status");
    }

    /** The order's ticket once the barista has it. */
    Map<String, Object> awaitTicket(String orderId) {
        return await().atMost(EVENTUALLY).until(() -> ticket(orderId), t -> t != null);
    }

    Map<String, Object> ticket(String orderId) {
        List<Map<String, Object>> found = given().queryParam("orderId", orderId)
                .when()
                .get(system.url("barista-service") + "/tickets")
                .then()
                .statusCode(200)
                .extract()
                .path("$");
        return found.isEmpty() ? null : found.get(0);
    }

    Response startBrewing(Object ticketId) {
        return given().when().post(system.url("barista-service") + "/tickets/" + ticketId + "/start");
    }

    Response finish(Object ticketId) {
        return given().when().post(system.url("barista-service") + "/tickets/" + ticketId + "/finish");
    }

    Response view(String orderId) {
        return given().when().get(system.url("status-service") + "/order-status/" + orderId);
    }

    String paymentStatus(String orderId) {
        List<String> statuses = given().queryParam("orderId", orderId)
                .when()
                .get(system.url("payment-service") + "/payments")
                .then()
                .statusCode(200)
                .extract()
                .path("status");
        return statuses.isEmpty() ? null : statuses.get(0);
    }

    void awaitOrderStatus(String orderId, String status) {
        await().atMost(EVENTUALLY).until(() -> orderStatus(orderId), status::equals);
    }

    void awaitView(String orderId, String status, String paymentState) {
        await().atMost(EVENTUALLY).until(() -> {
            Response view = view(orderId);
            return view.statusCode() == 200
                    && status.equals(view.path("status"))
                    && paymentState.equals(view.path("paymentState"));
        });
    }
}
