package cafe.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/**
 * The responses a service's META-INF/openapi.yaml writes (here src/test/resources) stand in its document,
 * though its resources declare none.
 */
@QuarkusTest
class WrittenResponsesTest {

    @Test
    void theWrittenDescriptionsStandOverTheScannersDefaults() {
        JsonPath responses = responses("/problems/conflict", "get");
        assertThat(responses.getString("'200'.description"), equalTo("Never, in fact"));
        assertThat(responses.getString("'409'.description"), equalTo("Always"));
        assertThat(
                "the return type's schema stays",
                responses.getString("'200'.content.'text/plain'.schema.type"),
                equalTo("string"));
    }

    @Test
    void aSuccessStatusTheFileDoesNotListGoes() {
        JsonPath responses = responses("/problems/drinks", "post");
        assertThat(responses.get("'200'"), nullValue());
        assertThat(responses.getString("'201'.description"), equalTo("The drink, as ordered"));
    }

    @Test
    void writtenContentReplacesWhatTheReturnTypeSuggests() {
        JsonPath responses = responses("/problems/unavailable", "get");
        assertThat(
                responses.getString("'200'.content.'text/event-stream'.schema.$ref"),
                equalTo("#/components/schemas/Drink"));
        assertThat(responses.get("'200'.content.'text/plain'"), nullValue());
    }

    private static JsonPath responses(String path, String method) {
        return given().queryParam("format", "json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .setRootPath("paths.'" + path + "'." + method + ".responses");
    }
}
