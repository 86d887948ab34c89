package cafe.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import cafe.events.EventCodec;
import cafe.events.OrderPlaced;
import cafe.events.Topics;
import cafe.testing.KafkaEvents;
import cafe.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a customer and a barista do, over HTTP, against the running system, each with their own token from
 * the stack's Keycloak: an order is read, followed and cancelled by the customer who placed it.
 */
final class Cafe {

    static final Duration EVENTUALLY = Duration.ofSeconds(45);

    /** Signed once per customer and role (they last an hour), not per request: the tests poll. */
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private final RunningSystem system;
    /** Who placed each order through this Cafe. */
    private final Map<String, String> owners = new ConcurrentHashMap<>();

    Cafe(RunningSystem system) {
        this.system = system;
    }

    static RequestSpecification asCustomer(String customerId) {
        return given().auth()
                .oauth2(TOKENS.computeIfAbsent("customer:" + customerId, key -> Tokens.customer(customerId)));
    }

    static RequestSpecification asBarista() {
        return given().auth().oauth2(TOKENS.computeIfAbsent("barista", key -> Tokens.barista()));
    }

    static RequestSpecification asAdmin() {
        return given().auth().oauth2(TOKENS.computeIfAbsent("admin", key -> Tokens.admin()));
    }

    /** What order-service presents to payment; the tests use it only to read a payment's state. */
    static RequestSpecification asService() {
        return given().auth().oauth2(TOKENS.computeIfAbsent("service", key -> Tokens.service()));
    }

    /** An order by {@code customerId}, with their token and their id in the body too, as a client may send it. */
    Response order(String customerId, int menuId, int qty) {
        Response response = asCustomer(customerId)
                .contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + customerId + "\",\"menuId\":" + menuId + ",\"qty\":" + qty + "}")
                .when()
                .post(system.url("order-service") + "/orders");
        if (response.statusCode() == 201) {
            owners.put(response.path("id"), customerId);
        }
        return response;
    }

    String placeOrder(String customerId) {
        return order(customerId, 2, 1).then().statusCode(201).extract().path("id");
    }

    String owner(String orderId) {
        String owner = owners.get(orderId);
        if (owner == null) {
            throw new IllegalStateException("Order " + orderId + " was not placed through this Cafe");
        }
        return owner;
    }

    Response cancel(String orderId) {
        return cancelAs(owner(orderId), orderId);
    }

    Response cancelAs(String customerId, String orderId) {
        return asCustomer(customerId).when().post(system.url("order-service") + "/orders/" + orderId + "/cancel");
    }

    Response readOrderAs(String customerId, String orderId) {
        return asCustomer(customerId).when().get(system.url("order-service") + "/orders/" + orderId);
    }

    String orderStatus(String orderId) {
        return readOrderAs(owner(orderId), orderId)
                .then()
                .statusCode(200)
                .extract()
                .path("status");
    }

    /** The order's ticket once the barista has it. */
    Map<String, Object> awaitTicket(String orderId) {
        return await().atMost(EVENTUALLY).until(() -> ticket(orderId), t -> t != null);
    }

    Map<String, Object> ticket(String orderId) {
        List<Map<String, Object>> found = asBarista()
                .queryParam("orderId", orderId)
                .when()
                .get(system.url("barista-service") + "/tickets")
                .then()
                .statusCode(200)
                .extract()
                .path("$");
        return found.isEmpty() ? null : found.get(0);
    }

    Response startBrewing(Object ticketId) {
        return asBarista().when().post(system.url("barista-service") + "/tickets/" + ticketId + "/start");
    }

    Response finish(Object ticketId) {
        return asBarista().when().post(system.url("barista-service") + "/tickets/" + ticketId + "/finish");
    }

    /**
     * An order of {@code customer} that barista's dead-letter topic holds, as the sink writes it after an
     * outage since fixed: a replay applies it. Answers its id.
     */
    static String deadLetteredAtBarista(String customer) {
        UUID orderId = UUID.randomUUID();
        KafkaEvents.send(
                Topics.deadLetterOf("barista-service"),
                orderId.toString(),
                UUID.randomUUID().toString(),
                "cafe.order.placed",
                EventCodec.toJson(new OrderPlaced(
                        orderId, customer, null, 1, "Espresso", 1, 250, "EUR", UUID.randomUUID(), Instant.now())));
        return orderId.toString();
    }

    Response handOver(Object ticketId) {
        return asBarista().when().post(system.url("barista-service") + "/tickets/" + ticketId + "/hand-over");
    }

    Response view(String orderId) {
        return viewAs(owner(orderId), orderId);
    }

    Response viewAs(String customerId, String orderId) {
        return asCustomer(customerId).when().get(system.url("status-service") + "/order-status/" + orderId);
    }

    String paymentStatus(String orderId) {
        List<String> statuses = asService()
                .queryParam("orderId", orderId)
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
