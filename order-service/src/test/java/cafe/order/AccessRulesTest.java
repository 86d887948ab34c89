package cafe.order;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import cafe.testing.LocalStackResource;
import cafe.testing.RouteMatrix;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who may do what on order-service: the menu is public; customers place, read, list and cancel their own
 * orders only; operators read and list across customers.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PaymentStub.class, scope = TestResourceScope.GLOBAL)
class AccessRulesTest {

    private static final List<String> CUSTOMER = List.of("customer");
    private static final List<String> CUSTOMER_OR_ADMIN = List.of("customer", "admin");

    @Test
    void everyRouteAdmitsExactlyItsIdentities() {
        String read = placeOrder();
        String cancel = placeOrder();
        String patch = placeOrder();
        RouteMatrix.withPlatformRoutes()
                .open("GET /", request -> request.get("/"))
                .open("GET /barista", request -> request.get("/barista"))
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
                .check();
    }

    @Test
    void theCustomerIsTheTokensSubject() {
        Tokens.asCustomer("c-self")
                .contentType(ContentType.JSON)
                .body("{\"menuId\":1,\"qty\":1}")
                .post("/orders")
                .then()
                .statusCode(201)
                .body("customerId", equalTo("c-self"));
        Tokens.asCustomer("c-self")
                .contentType(ContentType.JSON)
                .body("{\"customerId\":\"c-someone-else\",\"menuId\":1,\"qty\":1}")
                .post("/orders")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        Tokens.asCustomer("c-someone-else")
                .get("/orders")
                .then()
                .statusCode(200)
                .body("$", hasSize(0));
    }

    @Test
    void aCustomerListsOnlyTheirOwnOrdersAndAnOperatorAnyones() {
        placeOrder();
        Tokens.asCustomer(RouteMatrix.OWNER)
                .get("/orders")
                .then()
                .statusCode(200)
                .body("customerId", everyItem(equalTo(RouteMatrix.OWNER)));
        Tokens.asCustomer(RouteMatrix.OWNER)
                .queryParam("customerId", "c-someone-else")
                .get("/orders")
                .then()
                .statusCode(403);
        Tokens.as(Tokens.admin())
                .queryParam("customerId", RouteMatrix.OWNER)
                .get("/orders")
                .then()
                .statusCode(200)
                .body("customerId", everyItem(equalTo(RouteMatrix.OWNER)));
    }

    private static String placeOrder() {
        return Tokens.asCustomer(RouteMatrix.OWNER)
                .contentType(ContentType.JSON)
                .body("{\"menuId\":1,\"qty\":1}")
                .post("/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
