package cafe.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;

import cafe.testing.LocalStackResource;
import cafe.testing.Management;
import cafe.testing.Orders;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** /q/metrics (Prometheus) shows the business counters, the payment call, its circuit breaker and the outbox. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PaymentStub.class, scope = TestResourceScope.GLOBAL)
class MetricsTest {

    @Test
    void placingAnOrderShowsInTheMetrics() {
        Orders.place("metrics", "{\"customerId\":\"metrics\",\"menuId\":1,\"qty\":1}");
        given().when().get(Management.url("/q/health/well")).then().statusCode(200);

        String metrics = given().when()
                .get(Management.url("/q/metrics"))
                .then()
                .statusCode(200)
                .extract()
                .asString();

        assertThat(metrics, containsString("cafe_orders_total{outcome=\"placed\"}"));
        assertThat(metrics, containsString("http_client_requests_seconds_count"));
        assertThat(metrics, containsString("ft_circuitbreaker_state_total"));
        assertThat(metrics, containsString("cafe_outbox_pending"));
        assertThat(metrics, containsString("http_server_requests_seconds_count"));
    }
}
