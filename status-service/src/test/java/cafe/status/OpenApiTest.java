package cafe.status;

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
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The OpenAPI document describes exactly the public API, with the status reads' problem responses and the live stream. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class OpenApiTest {

    private static final Set<String> PUBLIC_API = Set.of("GET /order-status", "GET /order-status/{orderId}",
            "GET /order-status/{orderId}/stream", "POST /admin/view/rebuild", "POST /events");

    /**
     * Routed but not run here: a rebuild replays every topic (ViewRebuildTest runs one). An Accept header
     * the operation cannot produce is refused (406) after routing, before the method is invoked.
     */
    private static final Set<String> NOT_INVOKED = Set.of("POST /admin/view/rebuild");

    @Test
    void everyPublicEndpointIsDocumentedAndNothingElse() {
        assertThat(documentedOperations(), equalTo(new TreeSet<>(PUBLIC_API)));
    }

    @Test
    void everyDocumentedOperationExists() {
        for (String operation : documentedOperations()) {
            String[] parts = operation.split(" ");
            RequestSpecification request = given().contentType("application/json").body("{}");
            if (NOT_INVOKED.contains(operation)) {
                request = request.accept("text/plain");
            }
            Response response = request.request(parts[0], parts[1].replaceAll("\\{[^}]+}", UUID.randomUUID().toString()));
            assertThat(operation, response.statusCode(), not(equalTo(405)));
            String detail = response.statusCode() == 404 ? response.path("detail") : "";
            assertThat(operation + " is routed", detail == null ? "" : detail, not(startsWith("HTTP 404")));
        }
    }

    @Test
    void readingAStatusDocumentsItsProblemsAndTheStream() {
        JsonPath api = openApi();
        assertThat(api.getMap("paths.'/order-status/{orderId}'.get.responses").keySet(), hasItem("200"));
        assertThat(api.getMap("paths.'/order-status/{orderId}'.get.responses.'404'.content").keySet(),
                hasItem("application/problem+json"));
        assertThat(api.getMap("paths.'/order-status'.get.responses.'400'.content").keySet(), hasItem("application/problem+json"));
        assertThat(api.getList("paths.'/order-status'.get.parameters.name"), hasItem("customerId"));
        assertThat(api.getMap("paths.'/order-status/{orderId}/stream'.get.responses.'200'.content").keySet(),
                hasItem("text/event-stream"));
        assertThat(api.getMap("paths.'/admin/view/rebuild'.post.responses.'500'.content").keySet(),
                hasItem("application/problem+json"));
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
