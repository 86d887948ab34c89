package cafe.messaging.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.Function;

/**
 * Makes a consumer idempotent: records each event id in the transaction that applies the event, so a
 * redelivered event is recognised and skipped. The primary key decides, not a check-then-insert.
 */
@ApplicationScoped
public class Inbox {

    /**
     * Records the event's id ($1) and type ($2) in a statement that also applies its effect: the effect,
     * which follows this prefix, takes its parameters from $3 on and acts only {@code where exists (select
     * 1 from first_delivery)}. Both happen or neither, in one round trip and no transaction around it.
     */
    private static final String FIRST_DELIVERY = "with first_delivery as (insert into processed_event"
            + " (event_id, event_type, processed_at) values ($1, $2, now()) on conflict do nothing returning event_id) ";

    private static final String RECORD = "insert into processed_event (event_id, event_type, processed_at)"
            + " values (:id, :type, now()) on conflict do nothing";

    private final Pool pool;

    Inbox(Pool pool) {
        this.pool = pool;
    }

    /**
     * Applies an effect that is one statement together with the record of the event's id (see {@link
     * #FIRST_DELIVERY}); a redelivery does nothing. Emits the number of rows the effect changed.
     */
    public Uni<Integer> applyOnce(ReceivedEvent event, String effect, Object... parameters) {
        Tuple values = Tuple.of(event.id(), event.type());
        for (Object parameter : parameters) {
            values.addValue(parameter);
        }
        return pool.preparedQuery(FIRST_DELIVERY + effect).execute(values).map(rows -> rows.rowCount());
    }

    /** Applies the effect of an event in one transaction with the record of its id; a redelivery does nothing. */
    public Uni<Void> applyOnce(ReceivedEvent event, Function<ReceivedEvent, Uni<Void>> effect) {
        return Panache.withTransaction(() -> firstDelivery(event.id(), event.type())
                .chain(first -> first ? effect.apply(event) : Uni.createFrom().voidItem()));
    }

    /** True the first time this event id is seen; call inside the transaction that applies it. */
    private Uni<Boolean> firstDelivery(UUID eventId, String type) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(RECORD)
                        .setParameter("id", eventId)
                        .setParameter("type", type)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
