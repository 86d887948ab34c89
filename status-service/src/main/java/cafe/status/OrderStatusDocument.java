package cafe.status;

import cafe.events.BrewCanceled;
import cafe.events.BrewStarted;
import cafe.events.CafeEvent;
import cafe.events.CancelRefused;
import cafe.events.CoffeeReady;
import cafe.events.DrinkHandedOver;
import cafe.events.OrderCancelRequested;
import cafe.events.OrderCanceled;
import cafe.events.OrderPlaced;
import cafe.events.PaymentRefunded;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The read model of one order, folded from the set of its events. The fold depends only on which
 * events arrived, never on their order, so the view converges however Kafka interleaves the topics.
 * It is stored, and announced to the live streams, as JSON ({@link #toJson}, {@link #fromJson}).
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

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public static OrderStatusDocument fromJson(String json) {
        try {
            return JSON.readValue(json, OrderStatusDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Unreadable status document: " + e.getMessage(), e);
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

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
                .map(event -> new TimelineEntry(event.type().ceType(), event.occurredAt()))
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
        return switch (event) {
            case OrderPlaced _ -> ViewStatus.PLACED;
            case BrewStarted _ -> ViewStatus.BREWING;
            case OrderCancelRequested _ -> ViewStatus.CANCEL_REQUESTED;
            case CoffeeReady _, CancelRefused _ -> ViewStatus.READY;
            case DrinkHandedOver _ -> ViewStatus.HANDED_OVER;
            case BrewCanceled _, OrderCanceled _, PaymentRefunded _ -> ViewStatus.CANCELED;
        };
    }
}
