package cafe.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cafe.testing.LocalStackResource;
import cafe.testing.Sql;
import cafe.testing.Tokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A declined payment rejects the order: 402, status REJECTED, and no placed event that could reach the barista. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PaymentStub.class, scope = TestResourceScope.GLOBAL)
class PaymentDeclineTest {

    WireMockServer payment;

    @AfterEach
    void approveAgain() {
        PaymentStub.approveAll(payment);
    }

    @Test
    void declinedPaymentRejectsTheOrderAndPublishesNothing() {
        payment.stubFor(post(urlEqualTo("/payments"))
                .willReturn(aResponse()
                        .withStatus(402)
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":402,\"title\":\"Payment Declined\"}")));

        String orderId = Tokens.asCustomer("broke")
                .contentType(ContentType.JSON)
                .body("{\"customerId\":\"broke\",\"menuId\":6,\"qty\":20}")
                .when()
                .post("/orders")
                .then()
                .statusCode(402)
                .contentType("application/problem+json")
                .body("status", equalTo(402))
                .body("orderStatus", equalTo("REJECTED"))
                .extract()
                .path("orderId");

        Tokens.asCustomer("broke")
                .when()
                .get("/orders/" + orderId)
                .then()
                .statusCode(200)
                .body("status", equalTo("REJECTED"));
        assertThat(
                Sql.number("orders", "select count(*) from outbox_event where aggregate_id = ?", orderId), equalTo(0L));
    }
}
