package cafe.status;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;

import cafe.testing.LocalStackResource;
import cafe.testing.OpenApiContract;
import cafe.testing.OpenApiContractTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document describes exactly the public API, with the status reads' problem responses, the
 * live stream, and the rebuild's refusal while another runs.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class OpenApiTest extends OpenApiContractTest {

    @Override
    protected Set<String> operations() {
        return Set.of(
                "GET /order-status",
                "GET /order-status/{orderId}",
                "GET /order-status/{orderId}/stream",
                "POST /ops/status-service/view/rebuild");
    }

    /**
     * Routed but not run here: a rebuild replays every topic (ViewRebuildTest runs one). An Accept header
     * the operation cannot produce is refused (406) after routing, before the method is invoked.
     */
    @Override
    protected Set<String> routedButNotRun() {
        return Set.of("POST /ops/status-service/view/rebuild");
    }

    @Test
    void readingAStatusDocumentsItsProblemsAndTheStream() {
        JsonPath api = OpenApiContract.document();
        assertThat(api.getMap("paths.'/order-status/{orderId}'.get.responses").keySet(), hasItem("200"));
        assertThat(
                api.getMap("paths.'/order-status/{orderId}'.get.responses.'404'.content")
                        .keySet(),
                hasItem("application/problem+json"));
        assertThat(
                api.getMap("paths.'/order-status'.get.responses.'400'.content").keySet(),
                hasItem("application/problem+json"));
        assertThat(api.getList("paths.'/order-status'.get.parameters.name"), hasItem("customerId"));
        assertThat(
                api.getMap("paths.'/order-status/{orderId}/stream'.get.responses.'200'.content")
                        .keySet(),
                hasItem("text/event-stream"));
        assertThat(
                api.getMap("paths.'/ops/status-service/view/rebuild'.post.responses.'500'.content")
                        .keySet(),
                hasItem("application/problem+json"));
        assertThat(
                api.getMap("paths.'/ops/status-service/view/rebuild'.post.responses.'409'.content")
                        .keySet(),
                hasItem("application/problem+json"));
    }
}
