package cafe.messaging.outbox;

import cafe.events.CafeEvent;
import cafe.events.EventCodec;
import cafe.messaging.TraceParent;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Records events in the outbox table. Call it inside the transaction of the state change the event
 * reports: both commit or neither does, and the relay publishes what committed. A statement that makes
 * the change and writes the event at once (one round trip) uses {@link #INSERT} and {@link #values}.
 */
@ApplicationScoped
@IfBuildProperty(name = "cafe.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class Outbox {

    /** The start of an insert of one outbox row; {@link #values} are its values, in this order. */
    public static final String INSERT = "insert into outbox_event"
            + " (event_id, event_type, topic, aggregate_id, source, payload, created_at, trace_parent)";

    private final String source;

    Outbox(@ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.source = "/" + applicationName;
    }

    /** Writes the event in the current Panache transaction. */
    public Uni<Void> append(CafeEvent event) {
        OutboxEvent row = row(event);
        return Panache.getSession().chain(session -> session.persist(row));
    }

    /** The event's row as values for the columns of {@link #INSERT}, for the reactive SQL client (trace_parent may be null). */
    public List<Object> values(CafeEvent event) {
        OutboxEvent row = row(event);
        return Arrays.asList(
                row.eventId,
                row.type,
                row.topic,
                row.key,
                row.source,
                row.payload,
                row.createdAt.atOffset(ZoneOffset.UTC),
                row.traceParent);
    }

    private OutboxEvent row(CafeEvent event) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = UUID.randomUUID();
        row.type = event.type().ceType();
        row.topic = event.type().topic();
        row.key = event.orderId().toString();
        row.source = source;
        row.payload = EventCodec.toJson(event);
        row.createdAt = Instant.now();
        row.traceParent = TraceParent.current();
        return row;
    }
}
