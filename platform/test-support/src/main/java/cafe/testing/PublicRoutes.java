package cafe.testing;

import io.restassured.http.ContentType;
import java.util.List;

/**
 * The rules of the routes the edge serves, one list for each service's own matrix and the edge's: who
 * may call each, and how, on fixtures the caller made for {@link RouteMatrix#OWNER}.
 */
public final class PublicRoutes {

    private static final List<String> CUSTOMER = List.of("customer");
    private static final List<String> CUSTOMER_OR_ADMIN = List.of("customer", "admin");
    private static final List<String> BARISTA = List.of("barista");
    private static final List<String> ADMIN = List.of("admin");

    private PublicRoutes() {}

    /**
     * order-service's: the pages and the menu are public; customers place, read and cancel their own orders;
     * operators reach payment's operator routes through it.
     */
    public static RouteMatrix orders(RouteMatrix matrix, Object read, Object cancel, Object patch) {
        return matrix.open("GET /", request -> request.get("/"))
                .open("GET /barista", request -> request.get("/barista"))
                .open("GET /ops", request -> request.get("/ops"))
                .open("GET /menu", request -> request.get("/menu"))
                .roles(
                        "POST /orders",
                        CUSTOMER,
                        request -> request.contentType(ContentType.JSON)
                                .body("{\"menuId\":1,\"qty\":1}")
                                .post("/orders"))
                .roles("GET /orders", CUSTOMER_OR_ADMIN, request -> request.get("/orders"))
                .owned("GET /orders/{id}", CUSTOMER_OR_ADMIN, request -> request.get("/orders/" + read))
                .owned("POST /orders/{id}/cancel", CUSTOMER, request -> request.post("/orders/" + cancel + "/cancel"))
                .owned(
                        "PATCH /orders/{id}",
                        CUSTOMER,
                        request -> request.contentType(ContentType.JSON)
                                .body("{\"status\":\"OrderCanceled\"}")
                                .patch("/orders/" + patch))
                .roles("GET /ops/payment-service/health", ADMIN, request -> request.get("/ops/payment-service/health"))
                .roles(
                        "GET /ops/payment-service/dead-letters",
                        ADMIN,
                        request -> request.get("/ops/payment-service/dead-letters"))
                .roles(
                        "POST /ops/payment-service/dead-letters/replay",
                        ADMIN,
                        request -> request.post("/ops/payment-service/dead-letters/replay"));
    }

    /**
     * barista-service's: the barista's alone; {@code start} is a queued ticket, {@code finish} a brewing one,
     * {@code handOver} a ready one.
     */
    public static RouteMatrix tickets(RouteMatrix matrix, Object read, Object start, Object finish, Object handOver) {
        return matrix.roles("GET /tickets", BARISTA, request -> request.get("/tickets")).stream(
                        "GET /tickets/stream", BARISTA, "/tickets/stream")
                .roles(
                        "POST /tickets/{id}/hand-over",
                        BARISTA,
                        request -> request.post("/tickets/" + handOver + "/hand-over"))
                .roles("GET /tickets/{id}", BARISTA, request -> request.get("/tickets/" + read))
                .roles("POST /tickets/{id}/start", BARISTA, request -> request.post("/tickets/" + start + "/start"))
                .roles("POST /tickets/{id}/finish", BARISTA, request -> request.post("/tickets/" + finish + "/finish"));
    }

    /**
     * status-service's: customers read and follow their own orders ({@code ready} is handed over, so its
     * stream ends); operators rebuild the view.
     */
    public static RouteMatrix orderStatus(RouteMatrix matrix, Object ready) {
        return matrix.owned(
                        "GET /order-status/{orderId}",
                        CUSTOMER_OR_ADMIN,
                        request -> request.get("/order-status/" + ready))
                .owned(
                        "GET /order-status/{orderId}/stream",
                        CUSTOMER_OR_ADMIN,
                        request -> request.get("/order-status/" + ready + "/stream"))
                .roles("GET /order-status", CUSTOMER_OR_ADMIN, request -> request.get("/order-status"))
                .roles(
                        "POST /ops/status-service/view/rebuild",
                        ADMIN,
                        request -> request.post("/ops/status-service/view/rebuild"));
    }
}
