package cafe.messaging.inbox;

import cafe.events.CafeEvent;
import cafe.events.EventCodec;
import cafe.events.EventType;
import cafe.events.UnknownEventException;
import io.smallrye.reactive.messaging.ce.CloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * An event as it arrived: its CloudEvents id and type, and the payload read by the schema of that type. Only
 * the owner of a type's topic may send it: an event naming another source, or found on another topic, is
 * refused like unreadable data (dead-lettered), so a client that can write one topic cannot pass for the
 * service that owns another.
 */
public record ReceivedEvent(UUID id, String type, CafeEvent payload) {

    /** Reads a binary-mode CloudEvent from a Kafka message; throws {@link UnknownEventException} if it cannot. */
    @SuppressWarnings("unchecked")
    public static ReceivedEvent of(Message<String> message) {
        CloudEventMetadata<String> ce = message.getMetadata(CloudEventMetadata.class)
                .orElseThrow(() -> new UnknownEventException("Not a CloudEvent: no ce_* headers"));
        ReceivedEvent event =
                of(ce.getId(), ce.getType(), Objects.toString(ce.getSource(), null), message.getPayload());
        message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getTopic)
                .ifPresent(event::mustHaveArrivedOn);
        return event;
    }

    public static ReceivedEvent of(String id, String type, String source, String data) {
        UUID eventId;
        try {
            eventId = UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnknownEventException("CloudEvent id is not a UUID: " + id, e);
        }
        EventType eventType = EventType.ofCeType(type);
        if (!eventType.source().equals(source)) {
            throw new UnknownEventException(
                    "CloudEvent " + id + ": " + type + " comes from " + eventType.source() + ", not from " + source);
        }
        if (data == null) {
            throw new UnknownEventException("CloudEvent " + id + " has no data");
        }
        return new ReceivedEvent(eventId, type, EventCodec.fromJson(type, data));
    }

    private void mustHaveArrivedOn(String topic) {
        String expected = payload.type().topic();
        if (!expected.equals(topic)) {
            throw new UnknownEventException(
                    "CloudEvent " + id + ": " + type + " travels on " + expected + ", not on " + topic);
        }
    }
}
