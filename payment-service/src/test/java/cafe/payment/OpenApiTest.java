package cafe.payment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;

import cafe.testing.LocalStackResource;
import cafe.testing.OpenApiContract;
import cafe.testing.OpenApiContractTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The OpenAPI document describes exactly the public API, with the charge's problem responses and Retry-After. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class OpenApiTest extends OpenApiContractTest {

    @Override
    protected Set<String> operations() {
        return Set.of("POST /payments", "POST /payments/void", "GET /payments");
    }

    @Test
    void chargingDocumentsItsProblemsAndRetryAfter() {
        JsonPath api = OpenApiContract.document();
        Map<String, Object> responses = api.getMap("paths.'/payments'.post.responses");
        for (String status : List.of("400", "402", "413", "415", "429", "503")) {
            assertThat(
                    status,
                    api.getMap("paths.'/payments'.post.responses.'" + status + "'.content")
                            .keySet(),
                    hasItem("application/problem+json"));
        }
        assertThat(responses.keySet(), hasItem("201"));
        for (String status : List.of("429", "503")) {
            assertThat(
                    status,
                    api.getMap("paths.'/payments'.post.responses.'" + status + "'.headers")
                            .keySet(),
                    hasItem("Retry-After"));
        }
        assertThat(
                api.getMap("paths.'/payments'.post.requestBody.content.'application/json'.examples")
                        .keySet(),
                hasItem("charge"));
        assertThat(api.getList("paths.'/payments'.get.parameters.name"), hasItem("orderId"));
        assertThat(
                api.getMap("paths.'/payments'.get.responses.'400'.content").keySet(),
                hasItem("application/problem+json"));
    }
}
