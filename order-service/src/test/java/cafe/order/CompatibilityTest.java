package cafe.order;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import cafe.testing.LocalStackResource;
import cafe.testing.Orders;
import cafe.testing.Sql;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The original system's three calls still work, made by a signed-in customer. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PaymentStub.class, scope = TestResourceScope.GLOBAL)
class CompatibilityTest {

    @Test
    void originalOrderCallPlacesAnOrderForTheSignedInCustomer() {
        String customer = "c-" + UUID.randomUUID();
        Tokens.asCustomer(customer)
                .contentType(ContentType.JSON)
                .body("{\"menuId\":1,\"qty\":1,\"status\":\"Ordered\"}")
                .when()
                .post("/orders")
                .then()
                .statusCode(201)
                .body("status", equalTo("PLACED"))
                .body("customerId", equalTo(customer));
    }

    @Test
    void originalPatchAsksToCancelAndAskingAgainChangesNothing() {
        String customer = "c-" + UUID.randomUUID();
        String id = Orders.place(customer, "{\"menuId\":3,\"qty\":1,\"status\":\"Ordered\"}");

        for (int attempt = 0; attempt < 2; attempt++) {
            Tokens.asCustomer(customer)
                    .contentType(ContentType.JSON)
                    .body("{\"status\":\"OrderCanceled\"}")
                    .when()
                    .patch("/orders/" + id)
                    .then()
                    .statusCode(202)
                    .body("status", equalTo("CANCEL_REQUESTED"));
        }
        Tokens.asCustomer(customer).when().get("/orders/" + id).then().body("status", equalTo("CANCEL_REQUESTED"));
        assertThat(
                Sql.number(
                        "orders",
                        "select count(*) from outbox_event where aggregate_id = ? and event_type = 'cafe.order.cancel-requested'",
                        id),
                equalTo(1L));
    }

    @Test
    void patchWithAnythingButACancelIsA400Problem() {
        Tokens.asCustomer("c-" + UUID.randomUUID())
                .contentType(ContentType.JSON)
                .body("{\"status\":\"Delivered\"}")
                .when()
                .patch("/orders/" + UUID.randomUUID())
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("status"));
    }

    @Test
    void ordersAreListedInPages() {
        String customer = "c-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            Tokens.asCustomer(customer)
                    .contentType(ContentType.JSON)
                    .body("{\"menuId\":5,\"qty\":1,\"status\":\"Ordered\"}")
                    .when()
                    .post("/orders")
                    .then()
                    .statusCode(201);
        }
        Tokens.asCustomer(customer)
                .queryParam("size", 2)
                .when()
                .get("/orders")
                .then()
                .statusCode(200)
                .body("$", hasSize(2));
        Tokens.asCustomer(customer)
                .queryParam("size", 2)
                .queryParam("page", 1)
                .when()
                .get("/orders")
                .then()
                .statusCode(200)
                .body("$", hasSize(1));
        Tokens.asCustomer(customer)
                .queryParam("size", 1000)
                .when()
                .get("/orders")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }
}
