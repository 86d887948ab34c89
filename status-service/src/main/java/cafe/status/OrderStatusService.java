package cafe.status;

import cafe.events.CafeEvent;
import cafe.events.EventCodec;
import cafe.messaging.inbox.ReceivedEvent;
import cafe.problem.ProblemException;
import cafe.status.repository.StatusRepository;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Keeps one status document per order, folded from every event received for it. */
@ApplicationScoped
public class OrderStatusService {

    private final StatusRepository repository;
    private final ObjectMapper json;

    OrderStatusService(StatusRepository repository, ObjectMapper json) {
        this.repository = repository;
        this.json = json;
    }

    /** Applies an event once; emits the new document, or null when the event was a duplicate. */
    public Uni<OrderStatusDocument> apply(ReceivedEvent event) {
        UUID orderId = event.payload().orderId();
        return Panache.withTransaction(() -> repository.lockOrder(orderId)
                .chain(() -> repository.recordEvent(event.id(), orderId, event.type(), EventCodec.toJson(event.payload())))
                .chain(isNew -> isNew ? refresh(orderId) : Uni.createFrom().nullItem()));
    }

    @WithSession
    public Uni<OrderStatusDocument> find(UUID orderId) {
        return repository.findById(orderId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Order status", orderId))
                .map(view -> read(view.document));
    }

    @WithSession
    public Uni<List<OrderStatusDocument>> findByCustomer(String customerId, int page, int size) {
        return repository.findByCustomer(customerId, page, size)
                .map(views -> views.stream().map(view -> read(view.document)).toList());
    }

    private Uni<OrderStatusDocument> refresh(UUID orderId) {
        return repository.eventsOf(orderId).chain(stored -> {
            List<CafeEvent> events = stored.stream().map(e -> EventCodec.fromJson(e.type, e.payload)).toList();
            OrderStatusDocument document = OrderStatusDocument.fold(orderId, events);
            return repository.findById(orderId).chain(view -> {
                OrderStatusView target = view != null ? view : new OrderStatusView();
                target.orderId = orderId;
                target.customerId = document.customerId();
                target.placedAt = document.placedAt();
                target.updatedAt = document.updatedAt();
                target.document = write(document);
                return view != null ? Uni.createFrom().item(target) : repository.persist(target);
            }).replaceWith(document);
        });
    }

    private String write(OrderStatusDocument document) {
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private OrderStatusDocument read(String document) {
        try {
            return json.readValue(document, OrderStatusDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
