package cafe.order;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import cafe.testing.LocalStackResource;
import cafe.testing.Tokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gets a problem document naming the field, and changes nothing: no order, no charge. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PaymentStub.class, scope = TestResourceScope.GLOBAL)
class OrderValidationTest {

    private static final String CUSTOMER = "c-validation";

    WireMockServer payment;

    @ParameterizedTest(name = "{0} → {1} on {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"menuId\":1,\"qty\":0}                      | 400 | qty",
                "{\"menuId\":1,\"qty\":21}                     | 400 | qty",
                "{\"menuId\":1}                                | 400 | qty",
                "{\"qty\":1}                                   | 400 | menuId",
                "{\"menuId\":99,\"qty\":1}                     | 422 | menuId",
                "{\"menuId\":\"one\",\"qty\":1}                | 400 | menuId",
                "{\"menuId\":1,\"qty\":1.5}                    | 400 | qty",
                "{\"menuId\":1,\"qty\":1,\"status\":\"Paid\"}  | 400 | status",
                "{\"menuId\":1,\"qty\":1,\"customerId\":\"\"}  | 400 | customerId"
            })
    void invalidOrderIsRejectedNamingTheFieldAndNothingIsStoredOrCharged(String body, int status, String field) {
        String customer = "v-" + UUID.randomUUID();
        String withCustomer =
                body.contains("customerId") ? body : body.replaceFirst("\\{", "{\"customerId\":\"" + customer + "\",");
        payment.resetRequests();

        Tokens.asCustomer(customer)
                .contentType(ContentType.JSON)
                .body(withCustomer)
                .when()
                .post("/orders")
                .then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("violations[0].field", equalTo(field))
                .body("detail", not(containsString("Exception")));

        Tokens.asCustomer(customer)
                .queryParam("customerId", customer)
                .when()
                .get("/orders")
                .then()
                .statusCode(200)
                .body("$", hasSize(0));
        payment.verify(0, postRequestedFor(urlEqualTo("/payments")));
    }

    @Test
    void malformedJsonIsA400Problem() {
        Tokens.asCustomer(CUSTOMER)
                .contentType(ContentType.JSON)
                .body("{\"menuId\":1,")
                .when()
                .post("/orders")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void missingBodyIsA400Problem() {
        Tokens.asCustomer(CUSTOMER)
                .contentType(ContentType.JSON)
                .when()
                .post("/orders")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void wrongMediaTypeIsA415Problem() {
        Tokens.asCustomer(CUSTOMER)
                .contentType(ContentType.TEXT)
                .body("menuId=1")
                .when()
                .post("/orders")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void wrongMethodIsA405Problem() {
        given().when().delete("/menu").then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void oversizedBodyIsRejected() {
        String huge = "{\"customerId\":\"" + "x".repeat(40_000) + "\",\"menuId\":1,\"qty\":1}";
        Tokens.asCustomer(CUSTOMER)
                .contentType(ContentType.JSON)
                .body(huge)
                .when()
                .post("/orders")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
    }
}
