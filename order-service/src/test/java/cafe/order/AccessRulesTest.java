package cafe.order;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import cafe.testing.LocalStackResource;
import cafe.testing.Orders;
import cafe.testing.PublicRoutes;
import cafe.testing.RouteMatrix;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * Who may do what on order-service: the menu is public; customers place, read, list and cancel their own
 * orders only; operators read and list across customers.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PaymentStub.class, scope = TestResourceScope.GLOBAL)
class AccessRulesTest {

    @Test
    void everyRouteAdmitsExactlyItsIdentities() {
        String read = placeOrder();
        String cancel = placeOrder();
        String patch = placeOrder();
        PublicRoutes.orders(RouteMatrix.withPlatformRoutes(), read, cancel, patch)
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
        return Orders.place(RouteMatrix.OWNER);
    }
}
