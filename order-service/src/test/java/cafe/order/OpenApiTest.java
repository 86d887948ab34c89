package cafe.order;

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

/** The OpenAPI document describes exactly the public API, with its problem responses and the Idempotency-Key header. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PaymentStub.class, scope = TestResourceScope.GLOBAL)
class OpenApiTest {

    private static final Set<String> PUBLIC_API = Set.of("GET /menu", "POST /orders", "GET /orders", "GET /orders/{id}",
            "PATCH /orders/{id}", "POST /orders/{id}/cancel", "POST /events");

    @Test
    void everyPublicEndpointIsDocumentedAndNothingElse() {
        assertThat(documentedOperations(), equalTo(new TreeSet<>(PUBLIC_API)));
    }

    @Test
    void everyDocumentedOperationExists() {
        for (String operation : documentedOperations()) {
            String[] parts = operation.split(" ");
            Response response = given().contentType("application/json").body("{}")
                    .request(parts[0], parts[1].replace("{id}", UUID.randomUUID().toString()));
            assertThat(operation, response.statusCode(), not(equalTo(405)));
            String detail = response.statusCode() == 404 ? response.path("detail") : "";
            assertThat(operation + " is routed", detail == null ? "" : detail, not(startsWith("HTTP 404")));
        }
    }

    @Test
    void placingAnOrderDocumentsItsProblemsAndTheIdempotencyKey() {
        JsonPath api = openApi();
        Map<String, Object> responses = api.getMap("paths.'/orders'.post.responses");
        for (String status : List.of("400", "402", "413", "422", "503")) {
            assertThat(status, api.getMap("paths.'/orders'.post.responses.'" + status + "'.content").keySet(),
                    hasItem("application/problem+json"));
        }
        assertThat(responses.keySet(), hasItem("201"));
        assertThat(api.getList("paths.'/orders'.post.parameters.name"), hasItem("Idempotency-Key"));
        assertThat(api.getMap("paths.'/orders'.post.requestBody.content.'application/json'.examples").keySet(), hasItem("order"));
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
