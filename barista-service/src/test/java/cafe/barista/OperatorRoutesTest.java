package cafe.barista;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import cafe.testing.LocalStackResource;
import cafe.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The operators' routes a service has at /ops/<its name>: every health check with its data, for the
 * console (the management interface stays private); a path naming another service is not found here.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class OperatorRoutesTest {

    @Test
    void anOperatorReadsEveryHealthCheckWithItsData() {
        Tokens.as(Tokens.admin())
                .get("/ops/barista-service/health")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("checks.name", hasItems("outbox", "dead-letters"))
                .body("checks.find { it.name == 'outbox' }.data.pending", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void anotherServicesOperatorRoutesAreNotFoundHere() {
        for (String path : new String[] {"/ops/order-service/health", "/ops/status-service/dead-letters"}) {
            Tokens.as(Tokens.admin())
                    .get(path)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json")
                    .body("status", equalTo(404));
        }
    }
}
