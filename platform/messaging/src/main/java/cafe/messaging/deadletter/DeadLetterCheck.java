package cafe.messaging.deadletter;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Dead letters waiting for a replay, as a wellness check ({@code /q/health/well}): an operator's
 * attention, not a reason to take the pod out of rotation.
 */
@Wellness
@ApplicationScoped
public class DeadLetterCheck implements HealthCheck {

    private final DeadLetters deadLetters;

    DeadLetterCheck(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("dead-letters");
        long pending = deadLetters.pending();
        return response.withData("pending", pending).status(pending == 0).build();
    }
}
