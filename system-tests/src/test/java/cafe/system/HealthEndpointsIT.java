package cafe.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cafe.stack.CafeService;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The endpoints the Kubernetes probes point at (see deploy-checks' ProbeTest) answer UP on every packaged
 * service, on its management interface only: the port the gateway routes serves none of /q/*.
 */
class HealthEndpointsIT {

    private static final List<String> MANAGEMENT_PATHS =
            List.of("/q/health", "/q/health/live", "/q/health/ready", "/q/health/started", "/q/metrics", "/q/openapi");

    private final RunningSystem system = RunningSystem.shared();

    static List<String> services() {
        return CafeService.NAMES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void liveReadyAndStartedAreUpOnTheManagementInterface(String service) {
        for (String probe : new String[] {"live", "ready", "started"}) {
            given().when()
                    .get(system.managementUrl(service) + "/q/health/" + probe)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("UP"));
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void healthMetricsAndOpenApiAreServedOnTheManagementInterfaceAndNotOnTheMainPort(String service) {
        for (String path : MANAGEMENT_PATHS) {
            assertThat(
                    path + " on the management interface",
                    given().when().get(system.managementUrl(service) + path).statusCode(),
                    equalTo(200));
            assertThat(
                    path + " on the main port",
                    given().when().get(system.url(service) + path).statusCode(),
                    equalTo(404));
        }
    }
}
