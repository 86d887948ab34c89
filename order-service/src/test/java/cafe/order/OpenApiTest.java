package cafe.order;

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

/** The OpenAPI document describes exactly the public API, with its problem responses and the Idempotency-Key header. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PaymentStub.class, scope = TestResourceScope.GLOBAL)
class OpenApiTest extends OpenApiContractTest {

    @Override
    protected Set<String> operations() {
        return Set.of(
                "GET /",
                "GET /barista",
                "GET /ops",
                "GET /menu",
                "POST /orders",
                "GET /orders",
                "GET /orders/{id}",
                "PATCH /orders/{id}",
                "POST /orders/{id}/cancel",
                "GET /ops/payment-service/health",
                "GET /ops/payment-service/dead-letters",
                "POST /ops/payment-service/dead-letters/replay");
    }

    @Test
    void placingAnOrderDocumentsItsProblemsAndTheIdempotencyKey() {
        JsonPath api = OpenApiContract.document();
        Map<String, Object> responses = api.getMap("paths.'/orders'.post.responses");
        for (String status : List.of("400", "402", "413", "422", "503")) {
            assertThat(
                    status,
                    api.getMap("paths.'/orders'.post.responses.'" + status + "'.content")
                            .keySet(),
                    hasItem("application/problem+json"));
        }
        assertThat(responses.keySet(), hasItem("201"));
        assertThat(api.getList("paths.'/orders'.post.parameters.name"), hasItem("Idempotency-Key"));
        assertThat(
                api.getMap("paths.'/orders'.post.requestBody.content.'application/json'.examples")
                        .keySet(),
                hasItem("order"));
    }
}
