package cafe.order;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

import cafe.testing.LocalStackResource;
import cafe.testing.Tokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * order-service's health tells the operators the payment circuit's state, and payment's operator routes
 * are relayed with the operator's own token (payment itself is reached by order-service alone).
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PaymentStub.class, scope = TestResourceScope.GLOBAL)
class OperatorRoutesTest {

    WireMockServer payment;

    @BeforeEach
    void paymentIsHealthy() {
        PaymentStub.approveAll(payment);
    }

    @Test
    void theHealthShowsThePaymentCircuitsState() {
        Tokens.as(Tokens.admin())
                .get("/ops/order-service/health")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'payment-circuit' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'payment-circuit' }.data.state", oneOf("CLOSED", "OPEN", "HALF_OPEN"));
    }

    @Test
    void paymentsOperatorRoutesAreRelayedWithTheOperatorsTokenAsPaymentAnswers() {
        String admin = Tokens.admin();
        Tokens.as(admin)
                .get("/ops/payment-service/dead-letters")
                .then()
                .statusCode(200)
                .body("topic", equalTo("cafe-payment-service-dlq"));
        payment.verify(getRequestedFor(urlEqualTo("/ops/payment-service/dead-letters"))
                .withHeader(
                        "Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + admin)));
        Tokens.as(Tokens.barista())
                .get("/ops/payment-service/dead-letters")
                .then()
                .statusCode(403);
    }
}
