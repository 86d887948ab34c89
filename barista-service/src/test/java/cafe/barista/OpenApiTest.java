package cafe.barista;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import cafe.testing.LocalStackResource;
import cafe.testing.OpenApiContract;
import cafe.testing.OpenApiContractTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The OpenAPI document describes exactly the public API, with the tickets' problem responses and filters. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class OpenApiTest extends OpenApiContractTest {

    @Override
    protected Set<String> operations() {
        return Set.of(
                "GET /tickets",
                "GET /tickets/stream",
                "GET /tickets/{id}",
                "POST /tickets/{id}/start",
                "POST /tickets/{id}/finish",
                "POST /tickets/{id}/hand-over");
    }

    @Test
    void movingATicketDocumentsItsProblemsAndTheListItsFilters() {
        JsonPath api = OpenApiContract.document();
        for (String transition : List.of("start", "finish", "hand-over")) {
            String responses = "paths.'/tickets/{id}/" + transition + "'.post.responses";
            assertThat(transition, api.getMap(responses).keySet(), hasItem("200"));
            for (String status : List.of("404", "409")) {
                assertThat(
                        transition + " " + status,
                        api.getMap(responses + ".'" + status + "'.content").keySet(),
                        hasItem("application/problem+json"));
            }
        }
        assertThat(
                api.getMap("paths.'/tickets'.get.responses.'400'.content").keySet(),
                hasItem("application/problem+json"));
        assertThat(
                api.<String>getList("paths.'/tickets'.get.parameters.name"),
                hasItems("status", "orderId", "page", "size"));
    }
}
