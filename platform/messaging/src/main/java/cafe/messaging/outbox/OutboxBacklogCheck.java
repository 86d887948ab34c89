package cafe.messaging.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Reports the outbox backlog: how many events wait for Kafka, and the age of the oldest. A wellness
 * check, not a readiness one: orders are still taken while Kafka is away, so a backlog must not take
 * the service out of rotation.
 */
@Wellness
@ApplicationScoped
@IfBuildProperty(name = "cafe.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxBacklogCheck implements AsyncHealthCheck {

    private final AtomicLong pending = new AtomicLong();

    OutboxBacklogCheck() {
        Gauge.builder("cafe.outbox.pending", pending, AtomicLong::get)
                .description("Events waiting for Kafka, as of the last health check")
                .register(Metrics.globalRegistry);
    }

    private static final String BACKLOG = "select count(*), coalesce(extract(epoch from now() - min(created_at)), 0)"
            + " from outbox_event where published_at is null";

    @Override
    public Uni<HealthCheckResponse> call() {
        return Panache.withSession(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(BACKLOG, Object[].class)
                                .getSingleResult()))
                .invoke(row -> pending.set(((Number) row[0]).longValue()))
                .map(row -> HealthCheckResponse.named("outbox")
                        .up()
                        .withData("pending", ((Number) row[0]).longValue())
                        .withData("oldestSeconds", ((Number) row[1]).longValue())
                        .build());
    }
}
