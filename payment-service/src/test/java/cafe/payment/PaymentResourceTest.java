package cafe.payment;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import cafe.testing.LocalStackResource;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class PaymentResourceTest {

    @Test
    void chargeIsApprovedAndRecorded() {
        UUID orderId = UUID.randomUUID();
        String paymentId = charge(orderId, 700)
                .then()
                .statusCode(201)
                .body("status", equalTo("APPROVED"))
                .body("amount", equalTo(700))
                .extract()
                .path("id");

        Tokens.as(Tokens.service())
                .queryParam("orderId", orderId)
                .when()
                .get("/payments")
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].id", equalTo(paymentId));
    }

    @Test
    void chargingTheSameOrderAgainReturnsTheSamePayment() {
        UUID orderId = UUID.randomUUID();
        String first = charge(orderId, 500).then().statusCode(201).extract().path("id");
        String second = charge(orderId, 500).then().statusCode(201).extract().path("id");

        Tokens.as(Tokens.service())
                .queryParam("orderId", orderId)
                .when()
                .get("/payments")
                .then()
                .body("$", hasSize(1));
        org.junit.jupiter.api.Assertions.assertEquals(first, second);
    }

    @Test
    void concurrentChargesOfOneOrderMakeExactlyOnePayment() throws Exception {
        UUID orderId = UUID.randomUUID();
        String service = Tokens.service();
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(10);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<String>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(threads.submit(() -> {
                start.await();
                return charge(service, orderId, 300)
                        .then()
                        .statusCode(201)
                        .extract()
                        .<String>path("id");
            }));
        }
        start.countDown();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (var call : calls) {
            ids.add(call.get());
        }
        threads.shutdown();

        org.junit.jupiter.api.Assertions.assertEquals(1, ids.size(), "every duplicate sees the same payment");
        org.junit.jupiter.api.Assertions.assertEquals(
                1L, cafe.testing.Sql.number("payments", "select count(*) from payment where order_id = ?", orderId));
    }

    @Test
    void chargeAboveTheLimitIsDeclinedWith402() {
        UUID orderId = UUID.randomUUID();
        charge(orderId, 10_001)
                .then()
                .statusCode(402)
                .contentType("application/problem+json")
                .body("orderId", equalTo(orderId.toString()));
    }

    @Test
    void unknownOrderHasNoPayment() {
        Tokens.as(Tokens.service())
                .queryParam("orderId", UUID.randomUUID())
                .when()
                .get("/payments")
                .then()
                .statusCode(200)
                .body("$", hasSize(0));
    }

    @Test
    void invalidChargeIsA400Problem() {
        Tokens.as(Tokens.service())
                .contentType(ContentType.JSON)
                .body("{\"orderId\":\"" + UUID.randomUUID() + "\",\"amount\":-5,\"currency\":\"eur\"}")
                .when()
                .post("/payments")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations", hasSize(2));
    }

    static io.restassured.response.Response charge(UUID orderId, long amount) {
        return charge(Tokens.service(), orderId, amount);
    }

    /** A charge with the caller's {@code token}: order-service's own is {@link Tokens#service()}. */
    static io.restassured.response.Response charge(String token, UUID orderId, long amount) {
        return Tokens.as(token)
                .contentType(ContentType.JSON)
                .body("{\"orderId\":\"" + orderId + "\",\"amount\":" + amount + ",\"currency\":\"EUR\"}")
                .when()
                .post("/payments");
    }
}
