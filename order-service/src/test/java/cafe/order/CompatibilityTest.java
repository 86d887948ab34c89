package cafe.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import cafe.testing.LocalStackResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The original system's three calls still work. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PaymentStub.class, scope = TestResourceScope.GLOBAL)
class CompatibilityTest {

    @Test
    void originalOrderCallPlacesAGuestOrder() {
        given().contentType(ContentType.JSON)
                .body("{\"menuId\":1,\"qty\":1,\"status\":\"Ordered\"}")
                .when()
                .post("/orders")
                .then()
                .statusCode(201)
                .body("status", equalTo("PLACED"))
                .body("customerId", equalTo("guest"));
    }

    @Test
    void originalPatchCancelsAndASecondCancelIsAConflict() {
        String id = given().contentType(ContentType.JSON)
                .body("{\"menuId\":3,\"qty\":1,\"status\":\"Ordered\"}")
                .when()
                .post("/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        given().contentType(ContentType.JSON)
                .body("{\"status\":\"OrderCanceled\"}")
                .when()
                .patch("/orders/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELED"));
        given().contentType(ContentType.JSON)
                .body("{\"status\":\"OrderCanceled\"}")
                .when()
                .patch("/orders/" + id)
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        given().when().get("/orders/" + id).then().body("status", equalTo("CANCELED"));
    }

    @Test
    void patchWithAnythingButACancelIsA400Problem() {
        given().contentType(ContentType.JSON)
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
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON)
                    .body("{\"menuId\":5,\"qty\":1,\"status\":\"Ordered\"}")
                    .when()
                    .post("/orders");
        }
        given().queryParam("size", 2)
                .when()
                .get("/orders")
                .then()
                .statusCode(200)
                .body("$", hasSize(2));
        given().queryParam("size", 2)
                .queryParam("page", 1)
                .when()
                .get("/orders")
                .then()
                .statusCode(200)
                .body("size()", greaterThanOrEqualTo(1))
                .body("size()", lessThanOrEqualTo(2));
        given().queryParam("size", 1000)
                .when()
                .get("/orders")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }
}
