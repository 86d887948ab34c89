package cafe.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import cafe.stack.ServiceProcess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The endpoints the Kubernetes probes point at (see deploy-checks' ProbeTest) answer UP on every packaged service. */
class HealthEndpointsIT {

    private final RunningSystem system = RunningSystem.shared();

    static java.util.List<String> services() {
        return ServiceProcess.SERVICES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void liveReadyAndStartedAreUp(String service) {
        for (String probe : new String[] {"live", "ready", "started"}) {
            given().when()
                    .get(system.url(service) + "/q/health/" + probe)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("UP"));
        }
    }
}
