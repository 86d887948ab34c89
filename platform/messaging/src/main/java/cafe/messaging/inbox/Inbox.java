package cafe.messaging.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.Function;

/**
 * Makes a consumer idempotent: records each event id in the transaction that applies the event, so a
 * redelivered event is recognised and skipped. The primary key decides, not a check-then-insert.
 */
@ApplicationScoped
public class Inbox {

    private static final String RECORD = "insert into processed_event (event_id, event_type, processed_at)"
            + " values (:id, :type, now()) on conflict do nothing";

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
