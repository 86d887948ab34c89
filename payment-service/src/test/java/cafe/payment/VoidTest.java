package cafe.payment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cafe.testing.Concurrently;
import cafe.testing.LocalStackResource;
import cafe.testing.Sql;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Payment is the arbiter between a late charge and the reconciler's void: whichever reaches it first
 * decides, and the other learns the outcome, so an order is never rejected while its charge is approved.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class VoidTest {

    @Test
    void aVoidBeforeTheChargeMakesTheChargeDeclined() {
        UUID orderId = UUID.randomUUID();

        voidCharge(Tokens.service(), orderId).then().statusCode(200).body("status", equalTo("VOIDED"));

        PaymentResourceTest.charge(orderId, 400)
                .then()
                .statusCode(402)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("voided"));
        assertThat(statuses(orderId), equalTo(List.of("VOIDED")));
    }

    @Test
    void aVoidAfterTheChargeAnswersApprovedAndChangesNothing() {
        UUID orderId = UUID.randomUUID();
        String paymentId = PaymentResourceTest.charge(orderId, 400)
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        voidCharge(Tokens.service(), orderId)
                .then()
                .statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("id", equalTo(paymentId));

        assertThat(statuses(orderId), equalTo(List.of("APPROVED")));
    }

    @Test
    void aChargeAndAVoidRacingEndInOneStateBothAgreeOn() {
        UUID orderId = UUID.randomUUID();
        AtomicInteger turn = new AtomicInteger();
        String service = Tokens.service();

        List<Response> answers = Concurrently.run(
                10,
                () -> turn.getAndIncrement() % 2 == 0
                        ? PaymentResourceTest.charge(service, orderId, 400)
                        : voidCharge(service, orderId));

        String outcome = statuses(orderId).get(0);
        for (Response answer : answers) {
            if (answer.statusCode() == 200) {
                assertThat("a void answers the outcome", answer.path("status"), equalTo(outcome));
            } else {
                assertThat(
                        "a charge is approved exactly when the outcome is",
                        answer.statusCode(),
                        equalTo(outcome.equals("APPROVED") ? 201 : 402));
            }
        }
        assertThat(statuses(orderId).size(), equalTo(1));
    }

    private static Response voidCharge(String token, UUID orderId) {
        return Tokens.as(token)
                .contentType(ContentType.JSON)
                .body("{\"orderId\":\"" + orderId + "\",\"amount\":400,\"currency\":\"EUR\"}")
                .when()
                .post("/payments/void");
    }

    /** The order's payments, by status: one at most, whatever raced. */
    private static List<String> statuses(UUID orderId) {
        String statuses = Sql.text(
                "payments", "select string_agg(status, ',' order by status) from payment where order_id = ?", orderId);
        return statuses == null ? List.of() : List.of(statuses.split(","));
    }
}
