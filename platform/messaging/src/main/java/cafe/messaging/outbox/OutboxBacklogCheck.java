package cafe.messaging.outbox;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The outbox backlog as a wellness check: DOWN once the oldest event has waited longer than {@code
 * cafe.outbox.max-age}, a relay that is stuck. Not a readiness check: orders are still taken while Kafka
 * is away, so a backlog must not take the service out of rotation.
 */
@Wellness
@ApplicationScoped
@IfBuildProperty(name = "cafe.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxBacklogCheck implements AsyncHealthCheck {

    private final OutboxBacklog backlog;
    private final Duration maxAge;

    OutboxBacklogCheck(OutboxBacklog backlog, OutboxConfig config) {
        this.backlog = backlog;
        this.maxAge = config.maxAge();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return backlog.measure()
                .map(measured -> HealthCheckResponse.named("outbox")
                        .status(measured[1] <= maxAge.toSeconds())
                        .withData("pending", measured[0])
                        .withData("oldestSeconds", measured[1])
                        .withData("maxAgeSeconds", maxAge.toSeconds())
                        .build());
    }
}
