package cafe.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** For a service's tests: its OpenAPI document ({@code /q/openapi}) checked against the routes it serves. */
public final class OpenApiContract {

    private OpenApiContract() {}

    /** The service under test's document. */
    public static JsonPath document() {
        return document(Management.url("/q/openapi"));
    }

    /** The document at {@code url}. */
    public static JsonPath document(String url) {
        return given().queryParam("format", "json")
                .when()
                .get(url)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Every documented operation, as {@code "METHOD /path"}. */
    public static Set<String> operations() {
        return operations(Management.url("/q/openapi"));
    }

    /** Every operation the document at {@code url} names. */
    public static Set<String> operations(String url) {
        Map<String, Map<String, Object>> paths = document(url).getMap("paths");
        Set<String> operations = new TreeSet<>();
        paths.forEach((path, methods) ->
                methods.keySet().forEach(method -> operations.add(method.toUpperCase() + " " + path)));
        return operations;
    }

    /** Every documented 4xx or 5xx response whose body is not an {@code application/problem+json}, as {@code "METHOD /path STATUS"}. */
    public static Set<String> errorsWithoutAProblem() {
        Map<String, Map<String, Map<String, Object>>> paths = document().getMap("paths");
        Set<String> missing = new TreeSet<>();
        paths.forEach((path, methods) -> methods.forEach((method, operation) -> {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            responses.forEach((status, response) -> {
                boolean error = status.startsWith("4") || status.startsWith("5");
                Object content = response.get("content");
                if (error && !(content instanceof Map<?, ?> media && media.containsKey("application/problem+json"))) {
                    missing.add(method.toUpperCase() + " " + path + " " + status);
                }
            });
        }));
        return missing;
    }

    /**
     * Calls every documented operation (an empty JSON body, random ids) and fails for one the service
     * does not route: a 405, or the router's own 404. Operations in {@code notRun} are asked for a
     * media type they cannot produce: routed, refused with 406, never run.
     */
    public static void assertEveryOperationIsRouted(Set<String> notRun) {
        for (String operation : operations()) {
            String[] parts = operation.split(" ");
            RequestSpecification request =
                    given().contentType("application/json").body("{}");
            if (notRun.contains(operation)) {
                request = request.accept("text/plain");
            }
            Response response = request.request(
                    parts[0], parts[1].replaceAll("\\{[^}]+}", UUID.randomUUID().toString()));
            assertThat(operation, response.statusCode(), not(equalTo(405)));
            String detail = response.statusCode() == 404 ? response.path("detail") : "";
            assertThat(operation + " is routed", detail == null ? "" : detail, not(startsWith("HTTP 404")));
        }
    }
}
