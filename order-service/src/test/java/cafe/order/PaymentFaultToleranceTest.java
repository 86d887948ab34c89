package cafe.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;

import cafe.testing.Concurrently;
import cafe.testing.LocalStackResource;
import cafe.testing.Sql;
import cafe.testing.Tokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Payment slow, failing, overloaded or behind an open circuit: customers get a fast 503 and no order is established. */
@QuarkusTest
@TestProfile(ShortPaymentTimeouts.class)
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PaymentStub.class, scope = TestResourceScope.GLOBAL)
class PaymentFaultToleranceTest {

    WireMockServer payment;

    @Inject
    CircuitBreakerMaintenance circuits;

    @BeforeEach
    void healthyPaymentAndClosedCircuit() {
        PaymentStub.approveAll(payment);
        circuits.resetAll();
    }

    @Test
    void orderIsNotEstablishedWhenPaymentIsDown() {
        payment.stubFor(
                post(urlEqualTo("/payments")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        String customer = "down-" + UUID.randomUUID();

        order(customer)
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("1"))
                .body("detail", org.hamcrest.Matchers.containsString("try again shortly"));

        assertNothingEstablished(customer);
    }

    @Test
    void theAnswerNamesThePendingOrderAndTheKeyWhoseRetryReturnsItWithoutASecondOrder() {
        payment.stubFor(post(urlEqualTo("/payments")).willReturn(aResponse().withStatus(500)));
        String customer = "unknown-" + UUID.randomUUID();

        Response unavailable = order(customer);
        unavailable
                .then()
                .statusCode(503)
                .body("orderId", notNullValue())
                .body("idempotencyKey", notNullValue())
                .body("detail", org.hamcrest.Matchers.containsString("never charges twice"));
        String orderId = unavailable.path("orderId");
        Tokens.asCustomer(customer)
                .when()
                .get("/orders/" + orderId)
                .then()
                .statusCode(200)
                .body("status", equalTo("PAYMENT_PENDING"));

        PaymentStub.approveAll(payment);
        circuits.resetAll();
        Tokens.asCustomer(customer)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", unavailable.<String>path("idempotencyKey"))
                .body("{\"customerId\":\"" + customer + "\",\"menuId\":1,\"qty\":1}")
                .when()
                .post("/orders")
                .then()
                .statusCode(201)
                .body("id", equalTo(orderId))
                .body("status", equalTo("PLACED"));
        assertThat(
                Sql.number("orders", "select count(*) from customer_order where customer_id = ?", customer),
                equalTo(1L));
    }

    @Test
    void slowPaymentTimesOutWithin503InTheConfiguredBound() {
        payment.stubFor(post(urlEqualTo("/payments"))
                .willReturn(aResponse().withStatus(201).withFixedDelay(3000)));
        String customer = "slow-" + UUID.randomUUID();

        long started = System.nanoTime();
        order(customer).then().statusCode(503).header("Retry-After", notNullValue());
        long tookMs = Duration.ofNanos(System.nanoTime() - started).toMillis();

        assertThat(
                "503 arrives after the timeout, not after payment's 3 s",
                tookMs,
                lessThan(ShortPaymentTimeouts.TIMEOUT_MS + 1000));
        assertNothingEstablished(customer);
    }

    @Test
    void repeatedFailuresOpenTheCircuitWhichFailsFastAndClosesWhenPaymentRecovers() {
        payment.stubFor(post(urlEqualTo("/payments")).willReturn(aResponse().withStatus(500)));
        String customer = "circuit-" + UUID.randomUUID();
        IntStream.range(0, 4).forEach(i -> order(customer).then().statusCode(503));
        assertThat(circuits.currentState("payment-charge"), equalTo(CircuitBreakerState.OPEN));

        int callsBefore =
                payment.findAll(postRequestedFor(urlEqualTo("/payments"))).size();
        order(customer).then().statusCode(503).header("Retry-After", equalTo("1"));
        assertThat(
                "an open circuit does not call payment",
                payment.findAll(postRequestedFor(urlEqualTo("/payments"))).size(),
                equalTo(callsBefore));

        PaymentStub.approveAll(payment);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> order("circuit-" + UUID.randomUUID()).statusCode() == 201); // within each one's share
        assertThat(circuits.currentState("payment-charge"), equalTo(CircuitBreakerState.CLOSED));
    }

    @Test
    void fullBulkheadTurnsCustomersAwayWith503() {
        payment.stubFor(post(urlEqualTo("/payments"))
                .willReturn(aResponse().withStatus(500).withFixedDelay(250)));
        String customer = "bulkhead-" + UUID.randomUUID();

        List<Integer> statuses = Concurrently.run(8, () -> order(customer).statusCode());

        assertThat(statuses, hasItem(503));
        assertThat(
                "at most 2 running + 1 waiting reach payment",
                payment.findAll(postRequestedFor(urlEqualTo("/payments"))).size(),
                lessThan(8));
        assertThat(payment.findAll(postRequestedFor(urlEqualTo("/payments"))).size(), greaterThan(0));
        assertNothingEstablished(customer);
    }

    private static Response order(String customer) {
        return Tokens.asCustomer(customer)
                .contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + customer + "\",\"menuId\":1,\"qty\":1}")
                .when()
                .post("/orders");
    }

    private static void assertNothingEstablished(String customer) {
        assertThat(
                Sql.number(
                        "orders",
                        "select count(*) from customer_order where customer_id = ? and status <> 'PAYMENT_PENDING'",
                        customer),
                equalTo(0L));
        assertThat(
                Sql.number(
                        "orders",
                        "select count(*) from outbox_event e join customer_order o on o.id::text = e.aggregate_id"
                                + " where o.customer_id = ?",
                        customer),
                equalTo(0L));
    }
}
