package cafe.order.client;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The circuit breaker in front of payment, as a wellness check's data (CLOSED, OPEN or HALF_OPEN): while
 * it is open, orders are answered "try again shortly" at once. It reports and never fails: payment's own
 * checks say what is wrong there, and orders keep being taken as soon as it answers again.
 */
@Wellness
@ApplicationScoped
public class PaymentCircuitCheck implements HealthCheck {

    private final CircuitBreakerMaintenance circuits;

    PaymentCircuitCheck(CircuitBreakerMaintenance circuits) {
        this.circuits = circuits;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("payment-circuit")
                .up()
                .withData("state", circuits.currentState(PaymentClient.CIRCUIT).name())
                .build();
    }
}
