package cafe.order;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import cafe.testing.LocalStackResource;
import cafe.testing.Sql;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The charge was approved but the order could not be settled (here the outbox is locked past the lock
 * timeout; a lost database connection does the same): the answer is not final, so it names the order and
 * the key a request without one was given, and the retry with that key returns the order, never a second.
 */
@QuarkusTest
@TestProfile(NotSettledTest.ShortLockTimeout.class)
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PaymentStub.class, scope = TestResourceScope.GLOBAL)
class NotSettledTest {

    public static class ShortLockTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cafe.db.lock-timeout", "1s");
        }
    }

    @Test
    void aFailureAfterTheChargeNamesTheOrderAndItsKeyAndTheRetryPaysOnce() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        JsonPath problem;
        try (Connection sql = Sql.connect("orders");
                Statement statement = sql.createStatement()) {
            sql.setAutoCommit(false);
            statement.execute("lock table outbox_event in exclusive mode");
            problem = order(customer, null)
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .extract()
                    .jsonPath();
            sql.rollback();
        }
        String orderId = problem.getString("orderId");
        String key = problem.getString("idempotencyKey");
        assertThat(orderId, notNullValue());
        assertThat(key, notNullValue());

        order(customer, key).then().statusCode(201).body("id", equalTo(orderId)).body("status", equalTo("PLACED"));
        assertThat(
                Sql.number("orders", "select count(*) from customer_order where customer_id = ?", customer),
                equalTo(1L));
    }

    private static io.restassured.response.Response order(String customer, String key) {
        var request = Tokens.asCustomer(customer).contentType(ContentType.JSON).body("{\"menuId\":1,\"qty\":1}");
        return (key == null ? request : request.header("Idempotency-Key", key))
                .when()
                .post("/orders");
    }
}
