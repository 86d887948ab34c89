package cafe.payment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import cafe.stack.LocalStackResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The OpenAPI document describes exactly the public API, with the charge's problem responses and Retry-After. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class OpenApiTest {

    private static final Set<String> PUBLIC_API = Set.of("POST /payments", "GET /payments", "POST /events");

    @Test
    void everyPublicEndpointIsDocumentedAndNothingElse() {
        assertThat(documentedOperations(), equalTo(new TreeSet<>(PUBLIC_API)));
    }

    @Test
    void everyDocumentedOperationExists() {
        for (String operation : documentedOperations()) {
            String[] parts = operation.split(" ");
            Response response = given().contentType("application/json").body("{}")
                    .request(parts[0], parts[1].replaceAll("\\{[^}]+}", UUID.randomUUID().toString()));
            assertThat(operation, response.statusCode(), not(equalTo(405)));
            String detail = response.statusCode() == 404 ? response.path("detail") : "";
            assertThat(operation + " is routed", detail == null ? "" : detail, not(startsWith("HTTP 404")));
        }
    }

    @Test
    void chargingDocumentsItsProblemsAndRetryAfter() {
        JsonPath api = openApi();
        Map<String, Object> responses = api.getMap("paths.'/payments'.post.responses");
        for (String status : List.of("400", "402", "413", "415", "429", "503")) {
            assertThat(status, api.getMap("paths.'/payments'.post.responses.'" + status + "'.content").keySet(),
                    hasItem("application/problem+json"));
        }
        assertThat(responses.keySet(), hasItem("201"));
        for (String status : List.of("429", "503")) {
            assertThat(status, api.getMap("paths.'/payments'.post.responses.'" + status + "'.headers").keySet(), hasItem("Retry-After"));
        }
        assertThat(api.getMap("paths.'/payments'.post.requestBody.content.'application/json'.examples").keySet(), hasItem("charge"));
        assertThat(api.getList("paths.'/payments'.get.parameters.name"), hasItem("orderId"));
        assertThat(api.getMap("paths.'/payments'.get.responses.'400'.content").keySet(), hasItem("application/problem+json"));
    }

    private static Set<String> documentedOperations() {
        Map<String, Map<String, Object>> paths = openApi().getMap("paths");
        Set<String> operations = new TreeSet<>();
        paths.forEach((path, methods) -> methods.keySet().forEach(method -> operations.add(method.toUpperCase() + " " + path)));
        return operations;
    }

    private static JsonPath openApi() {
        return given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }
}
