package cafe.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Every error becomes an RFC 7807 problem with the right status, and a bug leaks none of its detail. */
@QuarkusTest
class ProblemMappersTest {

    @Test
    void aBusinessRefusalKeepsItsStatusTitleAndDetail() {
        given().when()
                .get("/problems/conflict")
                .then()
                .statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Conflict"))
                .body("status", equalTo(409))
                .body("detail", equalTo("The order is already READY"))
                .body("instance", equalTo("/problems/conflict"));
    }

    @Test
    void unavailableTellsWhenToTryAgainInWholeSeconds() {
        given().when()
                .get("/problems/unavailable")
                .then()
                .statusCode(503)
                .contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", "2")
                .body("detail", containsString("try again shortly"));
    }

    @Test
    void constraintViolationsNameTheFieldsInOrder() {
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"\",\"qty\":0}")
                .when()
                .post("/problems/drinks")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("violations", hasSize(2))
                .body("violations[0].field", equalTo("name"))
                .body("violations[1].field", equalTo("qty"))
                .body("detail", containsString("qty: "));
    }

    @Test
    void malformedJsonIsABadRequestWithoutAField() {
        given().contentType(ContentType.JSON)
                .body("{\"name\":")
                .when()
                .post("/problems/drinks")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", equalTo("The request body is not valid JSON"));
    }

    @Test
    void aWrongTypeNamesTheField() {
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"Latte\",\"qty\":1.5}")
                .when()
                .post("/problems/drinks")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("violations[0].field", equalTo("qty"))
                .body("detail", equalTo("qty: wrong type or format"));
    }

    @Test
    void anUnknownRouteAndAWrongMethodAreProblemsToo() {
        given().when()
                .get("/problems/nowhere")
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(404));
        given().when()
                .delete("/problems/conflict")
                .then()
                .statusCode(405)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(405));
    }

    @Test
    void aWrongContentTypeIsUnsupported() {
        given().contentType(ContentType.TEXT)
                .body("Latte")
                .when()
                .post("/problems/drinks")
                .then()
                .statusCode(415)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsRead() {
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"" + "x".repeat(20_000) + "\",\"qty\":1}")
                .when()
                .post("/problems/drinks")
                .then()
                .statusCode(413)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(413));
    }

    @Test
    void aLostDatabaseIsA503ToRetryNotA500() {
        given().when()
                .get("/problems/database-away")
                .then()
                .statusCode(503)
                .contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", "2")
                .body("detail", containsString("try again shortly"))
                .body("detail", not(containsString("5432")));
    }

    @Test
    void aBugIsA500ThatRevealsNothing() {
        given().when()
                .get("/problems/bug")
                .then()
                .statusCode(500)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", not(containsString("password")))
                .body("detail", containsString("logged"));
    }
}
