package cafe.status;

import cafe.events.BrewCanceled;
import cafe.events.BrewStarted;
import cafe.events.CafeEvent;
import cafe.events.CoffeeReady;
import cafe.events.OrderCanceled;
import cafe.events.OrderPlaced;
import cafe.events.PaymentRefunded;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The read model of one order, folded from the set of its events. The fold depends only on which
 * events arrived, never on their order, so the view converges however Kafka interleaves the topics.
 */
@RegisterForReflection
public record OrderStatusDocument(
        UUID orderId,
        String customerId,
        String item,
        Integer qty,
        Long amount,
        String currency,
        ViewStatus status,
        PaymentState paymentState,
        Instant placedAt,
        Instant updatedAt,
        List<TimelineEntry> timeline) {

    public static OrderStatusDocument fold(UUID orderId, Collection<CafeEvent> events) {
        OrderPlaced placed = events.stream()
                .filter(OrderPlaced.class::isInstance)
                .map(OrderPlaced.class::cast)
                .findFirst()
                .orElse(null);
        ViewStatus status = events.stream()
                .map(OrderStatusDocument::statusOf)
                .max(Comparator.naturalOrder())
                .orElse(ViewStatus.PLACED);
        boolean refunded = events.stream().anyMatch(PaymentRefunded.class::isInstance);
        PaymentState payment = refunded ? PaymentState.REFUNDED : placed != null ? PaymentState.PAID : null;
        List<TimelineEntry> timeline = events.stream()
                .map(event -> new TimelineEntry(event.type().ceType(), occurredAt(event)))
                .sorted(Comparator.comparing(TimelineEntry::at).thenComparing(TimelineEntry::event))
                .toList();
        Instant updatedAt =
                timeline.isEmpty() ? null : timeline.get(timeline.size() - 1).at();
        return placed == null
                ? new OrderStatusDocument(
                        orderId, null, null, null, null, null, status, payment, null, updatedAt, timeline)
                : new OrderStatusDocument(
                        orderId,
                        placed.customerId(),
                        placed.item(),
                        placed.qty(),
                        placed.amount(),
                        placed.currency(),
                        status,
                        payment,
                        placed.placedAt(),
                        updatedAt,
                        timeline);
    }

    private static ViewStatus statusOf(CafeEvent event) {
        if (event instanceof OrderCanceled || event instanceof BrewCanceled || event instanceof PaymentRefunded) {
            return ViewStatus.CANCELED;
        }
        if (event instanceof CoffeeReady) {
            return ViewStatus.READY;
        }
        if (event instanceof BrewStarted) {
            return ViewStatus.BREWING;
        }
        return ViewStatus.PLACED;
    }

    private static Instant occurredAt(CafeEvent event) {
        if (event instanceof OrderPlaced e) {
            return e.placedAt();
        }
        if (event instanceof OrderCanceled e) {
            return e.canceledAt();
        }
        if (event instanceof PaymentRefunded e) {
            return e.refundedAt();
        }
        if (event instanceof BrewStarted e) {
            return e.startedAt();
        }
        if (event instanceof CoffeeReady e) {
            return e.readyAt();
        }
        return ((BrewCanceled) event).canceledAt();
    }
}
