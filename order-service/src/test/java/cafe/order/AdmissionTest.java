package cafe.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import cafe.testing.Concurrently;
import cafe.testing.LocalStackResource;
import cafe.testing.Sql;
import cafe.testing.Tokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * More orders at once than admission lets in: the rest are turned away at once with a 503 that says nothing
 * was placed, and indeed nothing of theirs is stored or charged, while the admitted ones are placed.
 */
@QuarkusTest
@TestProfile(FewOrdersAtOnce.class)
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PaymentStub.class, scope = TestResourceScope.GLOBAL)
class AdmissionTest {

    WireMockServer payment;

    private record Attempt(String key, Response response) {}

    @AfterEach
    void paymentAnswersAtOnceAgain() {
        PaymentStub.approveAll(payment);
    }

    @Test
    void ordersBeyondAdmissionAreTurnedAwayBeforeAnythingIsStoredOrCharged() {
        // payment approves, slowly: the admitted orders stay in flight while the others arrive
        PaymentStub.approveAll(payment);
        payment.stubFor(post(urlEqualTo("/payments"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withTransformers(PaymentStub.EchoCharge.NAME)
                        .withFixedDelay(800)));
        String customer = "admission-" + UUID.randomUUID();

        List<Attempt> attempts = Concurrently.run(8, () -> order(customer));

        List<Attempt> placed =
                attempts.stream().filter(a -> a.response().statusCode() == 201).toList();
        List<Attempt> turnedAway =
                attempts.stream().filter(a -> a.response().statusCode() == 503).toList();
        assertThat("every order is placed or turned away", placed.size() + turnedAway.size(), equalTo(8));
        assertThat(placed.size(), greaterThan(0));
        assertThat(placed.size(), lessThanOrEqualTo(FewOrdersAtOnce.ADMITTED));
        for (Attempt away : turnedAway) {
            Response answer = away.response();
            assertThat(answer.contentType(), containsString("application/problem+json"));
            assertThat(answer.header("Retry-After"), equalTo("1"));
            assertThat(answer.jsonPath().getString("detail"), containsString("nothing was charged"));
            assertThat(answer.jsonPath().getString("orderId"), nullValue());
            assertThat(
                    "nothing stored for an order turned away",
                    Sql.number(
                            "orders",
                            "select count(*) from customer_order where customer_id = ? and idempotency_key = ?",
                            customer,
                            away.key()),
                    equalTo(0L));
        }
        for (Attempt in : placed) {
            assertThat(in.response().jsonPath().getString("id"), notNullValue());
        }
        assertThat(
                "payment is asked only for the admitted orders",
                payment.findAll(postRequestedFor(urlEqualTo("/payments"))).size(),
                equalTo(placed.size()));
    }

    private static Attempt order(String customer) {
        String key = UUID.randomUUID().toString();
        Response response = Tokens.asCustomer(customer)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body("{\"customerId\":\"" + customer + "\",\"menuId\":1,\"qty\":1}")
                .when()
                .post("/orders");
        return new Attempt(key, response);
    }
}
