package cafe.payment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import cafe.testing.LocalStackResource;
import cafe.testing.RouteMatrix;
import cafe.testing.Sql;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Who may do what on payment-service: only a service identity (order-service) charges, voids and looks up
 * payments; no customer, barista or operator token reaches the processor.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class AccessRulesTest {

    private static final List<String> SERVICE = List.of("service");

    @Test
    void everyRouteAdmitsExactlyItsIdentities() {
        UUID charged = UUID.randomUUID();
        UUID voided = UUID.randomUUID();
        RouteMatrix.withPlatformRoutes()
                .roles(
                        "POST /payments",
                        SERVICE,
                        request -> request.contentType(ContentType.JSON)
                                .body(body(charged, 300))
                                .post("/payments"))
                .roles(
                        "POST /payments/void",
                        SERVICE,
                        request -> request.contentType(ContentType.JSON)
                                .body(body(voided, 300))
                                .post("/payments/void"))
                .roles(
                        "GET /payments",
                        SERVICE,
                        request -> request.queryParam("orderId", charged).get("/payments"))
                .check();
    }

    @Test
    void aCustomersTokenChargesNothing() {
        UUID orderId = UUID.randomUUID();

        PaymentResourceTest.charge(Tokens.customer(RouteMatrix.OWNER), orderId, 300)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");

        assertThat(Sql.number("payments", "select count(*) from payment where order_id = ?", orderId), equalTo(0L));
        Tokens.as(Tokens.service())
                .queryParam("orderId", orderId)
                .get("/payments")
                .then()
                .statusCode(200)
                .body("$", hasSize(0));
    }

    private static String body(UUID orderId, long amount) {
        return "{\"orderId\":\"" + orderId + "\",\"amount\":" + amount + ",\"currency\":\"EUR\"}";
    }
}
