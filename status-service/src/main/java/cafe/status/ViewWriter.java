package cafe.status;

import cafe.events.EventCodec;
import cafe.messaging.inbox.ReceivedEvent;
import cafe.status.repository.StatusRepository;
import cafe.status.repository.ViewTables;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Writes the view, in the caller's transaction: records an event once and folds the order's document
 * again from all its events. The same steps fill the live tables, where each new document is also
 * announced to the live streams, and the shadow tables of a rebuild, where nobody follows yet.
 */
@ApplicationScoped
public class ViewWriter {

    private final StatusRepository repository;
    private final ObjectMapper json;

    ViewWriter(StatusRepository repository, ObjectMapper json) {
        this.repository = repository;
        this.json = json;
    }

    /**
     * Applies an event once; emits the order's new document, or null when the event was a duplicate.
     * Only the live tables have concurrent writers (consumers, replicas), so only they take the order's lock.
     */
    public Uni<OrderStatusDocument> apply(ViewTables tables, ReceivedEvent event) {
        UUID orderId = event.payload().orderId();
        Uni<Void> locked = tables == ViewTables.LIVE
                ? repository.lockOrder(orderId)
                : Uni.createFrom().voidItem();
        return locked.chain(() -> repository.recordEvent(
                        tables, event.id(), orderId, event.type(), EventCodec.toJson(event.payload())))
                .chain(isNew ->
                        isNew ? refold(tables, orderId) : Uni.createFrom().nullItem());
    }

    /** Folds the order's document again from every event the tables hold for it, and stores it there. */
    public Uni<OrderStatusDocument> refold(ViewTables tables, UUID orderId) {
        return repository.eventsOf(tables, orderId).chain(events -> {
            OrderStatusDocument document = OrderStatusDocument.fold(orderId, events);
            String written = write(document);
            Uni<Void> saved = repository.saveDocument(tables, document, written);
            if (tables == ViewTables.LIVE) {
                saved = saved.call(() -> repository.notifyChange(written));
            }
            return saved.replaceWith(document);
        });
    }

    private String write(OrderStatusDocument document) {
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
