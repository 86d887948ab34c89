package cafe.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The OpenAPI filter documents every error as a problem, and the body errors of every operation that takes one. */
@QuarkusTest
class ProblemResponsesTest {

    private static final String PROBLEM = "content.'application/problem+json'.schema.$ref";

    @Test
    void anOperationWithABodyAnswersBadRequestAndTooLargeAsProblems() {
        given().queryParam("format", "json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .rootPath("paths.'/problems/drinks'.post.responses")
                .body("'400'." + PROBLEM, equalTo("#/components/schemas/Problem"))
                .body("'413'." + PROBLEM, equalTo("#/components/schemas/Problem"))
                .body("'201'.description", notNullValue())
                .body("'201'.content.'application/problem+json'", nullValue());
    }

    @Test
    void anOperationWithoutABodyGetsNoBodyErrors() {
        given().queryParam("format", "json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths.'/problems/conflict'.get.responses.'413'", nullValue());
    }

    @Test
    void theProblemSchemaIsDescribedOnce() {
        given().queryParam("format", "json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .rootPath("components.schemas.Problem")
                .body("required", hasItems("type", "title", "status"))
                .body("properties.violations.items.properties.field", notNullValue());
    }
}
