package cafe.order;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import cafe.testing.LocalStackResource;
import cafe.testing.Sql;
import cafe.testing.Tokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * One customer's flood is refused at their share (cafe.order.per-customer): a 429 problem with Retry-After
 * that placed and charged nothing, while another customer still orders.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PaymentStub.class, scope = TestResourceScope.GLOBAL)
class OrdersPerCustomerTest {

    WireMockServer payment;

    @ConfigProperty(name = "cafe.order.per-customer.orders")
    int share;

    @Test
    void ordersBeyondOneCustomersShareAreRefusedWithoutChargeWhileAnotherCustomerOrders() {
        PaymentStub.approveAll(payment);
        payment.resetRequests();
        String flooder = "flood-" + UUID.randomUUID();
        for (int i = 0; i < share; i++) {
            order(flooder).then().statusCode(201);
        }

        Response refused = order(flooder);

        refused.then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("detail", containsString("nothing was placed or charged"));
        assertThat(Integer.parseInt(refused.header("Retry-After")), greaterThanOrEqualTo(1));
        assertThat(
                Sql.number("orders", "select count(*) from customer_order where customer_id = ?", flooder),
                equalTo((long) share));
        assertThat(
                "payment is asked only for the orders within the share",
                payment.findAll(postRequestedFor(urlEqualTo("/payments"))).size(),
                equalTo(share));
        order("neighbour-" + UUID.randomUUID()).then().statusCode(201);
    }

    private static Response order(String customer) {
        return Tokens.asCustomer(customer)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"menuId\":1,\"qty\":1}")
                .when()
                .post("/orders");
    }
}
