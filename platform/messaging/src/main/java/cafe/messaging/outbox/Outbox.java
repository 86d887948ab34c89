package cafe.messaging.outbox;

import cafe.events.CafeEvent;
import cafe.events.EventCodec;
import cafe.messaging.TraceParent;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Records events in the outbox table. Call it inside the transaction of the state change the event
 * reports: both commit or neither does, and the relay publishes what committed.
 */
@ApplicationScoped
@IfBuildProperty(name = "cafe.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class Outbox {

    private final String source;
    private final OutboxRelay relay;

    Outbox(@ConfigProperty(name = "quarkus.application.name") String applicationName, OutboxRelay relay) {
        this.source = "/" + applicationName;
        this.relay = relay;
    }

    public Uni<Void> append(CafeEvent event) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = UUID.randomUUID();
        row.type = event.type().ceType();
        row.topic = event.type().topic();
        row.key = event.orderId().toString();
        row.source = source;
        row.payload = EventCodec.toJson(event);
        row.createdAt = Instant.now();
        row.traceParent = TraceParent.current();
        return Panache.getSession().chain(session -> session.persist(row)).invoke(relay::nudge);
    }
}
