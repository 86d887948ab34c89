package cafe.order;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cafe.testing.LocalStackResource;
import cafe.testing.Sql;
import cafe.testing.Tokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An order left PAYMENT_PENDING (a crash, a charge that outlived the customer's wait) is settled by voiding
 * its charge at payment, which answers what came first: the charge → PLACED with its event; the void →
 * REJECTED, and the charge can no longer happen.
 */
@QuarkusTest
@TestProfile(FastReconcile.class)
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PaymentStub.class, scope = TestResourceScope.GLOBAL)
class PaymentReconcilerTest {

    private static final String CRASHED_CUSTOMER = "crash";

    WireMockServer payment;

    @Test
    void pendingOrderWithAChargeIsPlacedWithItsEvent() {
        UUID orderId = pendingOrderLeftByACrash();
        voidAnswers(orderId, "APPROVED");

        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> Tokens.asCustomer(CRASHED_CUSTOMER)
                        .when()
                        .get("/orders/" + orderId)
                        .then()
                        .body("status", equalTo("PLACED")));
        assertThat(
                Sql.number(
                        "orders",
                        "select count(*) from outbox_event where aggregate_id = ? and event_type = 'cafe.order.placed'",
                        orderId.toString()),
                equalTo(1L));
    }

    @Test
    void pendingOrderWithoutAChargeIsRejected() {
        UUID orderId = pendingOrderLeftByACrash();
        voidAnswers(orderId, "VOIDED");

        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> Tokens.asCustomer(CRASHED_CUSTOMER)
                        .when()
                        .get("/orders/" + orderId)
                        .then()
                        .body("status", equalTo("REJECTED")));
        assertThat(
                Sql.number("orders", "select count(*) from outbox_event where aggregate_id = ?", orderId.toString()),
                equalTo(0L));
        payment.verify(postRequestedFor(urlEqualTo("/payments/void"))
                .withRequestBody(matchingJsonPath("$.orderId", WireMock.equalTo(orderId.toString())))
                .withRequestBody(matchingJsonPath("$.amount", WireMock.equalTo("250"))));
    }

    /** Payment's answer to the reconciler's void: the order's payment as it is now (APPROVED: the charge came first). */
    private void voidAnswers(UUID orderId, String status) {
        payment.stubFor(post(urlEqualTo("/payments/void"))
                .withRequestBody(matchingJsonPath("$.orderId", WireMock.equalTo(orderId.toString())))
                .willReturn(okJson("{\"id\":\"" + UUID.randomUUID() + "\",\"orderId\":\"" + orderId
                        + "\",\"amount\":250,\"currency\":\"EUR\",\"status\":\"" + status + "\"}")));
    }

    /** What a crash between the charge and recording its answer leaves behind: a pending order, a minute old. */
    private static UUID pendingOrderLeftByACrash() {
        UUID orderId = UUID.randomUUID();
        Sql.update(
                "orders",
                "insert into customer_order (id, customer_id, menu_id, item, qty, amount, currency, status, created_at, updated_at)"
                        + " values (?, ?, 1, 'Espresso', 1, 250, 'EUR', 'PAYMENT_PENDING', now() - interval '1 minute', now() - interval '1 minute')",
                orderId,
                CRASHED_CUSTOMER);
        return orderId;
    }
}
