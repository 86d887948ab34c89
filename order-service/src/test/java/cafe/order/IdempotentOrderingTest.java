package cafe.order;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;

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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A retried POST /orders with the same Idempotency-Key returns the first order, never a second order or event. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PaymentStub.class, scope = TestResourceScope.GLOBAL)
class IdempotentOrderingTest {

    @Test
    void repeatedRequestWithTheSameKeyReturnsTheFirstOrder() {
        String key = UUID.randomUUID().toString();
        String first = order("idem", key, "{\"customerId\":\"idem\",\"menuId\":1,\"qty\":1}")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String again = order("idem", key, "{\"customerId\":\"idem\",\"menuId\":1,\"qty\":1}")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        assertThat(again, equalTo(first));
        assertThat(
                Sql.number("orders", "select count(*) from customer_order where idempotency_key = ?", key),
                equalTo(1L));
    }

    @Test
    void sameKeyWithADifferentOrderIsA422Problem() {
        String key = UUID.randomUUID().toString();
        order("idem", key, "{\"customerId\":\"idem\",\"menuId\":1,\"qty\":1}")
                .then()
                .statusCode(201);

        order("idem", key, "{\"customerId\":\"idem\",\"menuId\":1,\"qty\":2}")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        assertThat(
                Sql.number("orders", "select count(*) from customer_order where idempotency_key = ?", key),
                equalTo(1L));
    }

    @Test
    void concurrentDuplicatesMakeExactlyOneOrderAndOnePlacedEvent() {
        String key = UUID.randomUUID().toString();

        List<Response> responses =
                Concurrently.run(10, () -> order("race", key, "{\"customerId\":\"race\",\"menuId\":2,\"qty\":1}"));

        assertThat(responses.stream().map(Response::statusCode).toList(), everyItem(equalTo(201)));
        List<String> ids =
                responses.stream().map(r -> r.<String>path("id")).distinct().toList();
        assertThat(ids.size(), equalTo(1));
        assertThat(
                Sql.number("orders", "select count(*) from customer_order where idempotency_key = ?", key),
                equalTo(1L));
        assertThat(
                Sql.number(
                        "orders",
                        "select count(*) from outbox_event where aggregate_id = ? and event_type = 'cafe.order.placed'",
                        ids.get(0)),
                equalTo(1L));
    }

    @Test
    void concurrentRequestsWithOneKeyAndDifferentBodiesGetTheirOwnOrderOrA422() {
        String key = UUID.randomUUID().toString();
        AtomicInteger next = new AtomicInteger();

        List<Map.Entry<Integer, Response>> answers = Concurrently.run(10, () -> {
            int qty = 1 + next.getAndIncrement() % 2;
            return Map.entry(
                    qty, order("race-body", key, "{\"customerId\":\"race-body\",\"menuId\":2,\"qty\":" + qty + "}"));
        });

        for (Map.Entry<Integer, Response> answer : answers) {
            int status = answer.getValue().statusCode();
            assertThat(status, anyOf(equalTo(201), equalTo(422)));
            if (status == 201) {
                assertThat(
                        "a 201 is the order this request asked for",
                        answer.getValue().path("qty"),
                        equalTo(answer.getKey()));
            }
        }
        assertThat(
                Sql.number("orders", "select count(*) from customer_order where idempotency_key = ?", key),
                equalTo(1L));
    }

    @Test
    void aKeyBelongsToItsCustomer() {
        String key = UUID.randomUUID().toString();

        String alice = order("alice", key, "{\"customerId\":\"alice\",\"menuId\":1,\"qty\":1}")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String bob = order("bob", key, "{\"customerId\":\"bob\",\"menuId\":1,\"qty\":1}")
                .then()
                .statusCode(201)
                .body("customerId", equalTo("bob"))
                .extract()
                .path("id");

        assertThat(bob, not(equalTo(alice)));
    }

    private static Response order(String customer, String key, String body) {
        return Tokens.asCustomer(customer)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body)
                .when()
                .post("/orders");
    }
}
