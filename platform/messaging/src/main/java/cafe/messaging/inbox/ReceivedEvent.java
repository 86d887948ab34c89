package cafe.messaging.inbox;

import cafe.events.CafeEvent;
import cafe.events.EventCodec;
import cafe.events.UnknownEventException;
import io.smallrye.reactive.messaging.ce.CloudEventMetadata;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Message;

/** An event as it arrived: its CloudEvents id and type, and the payload read by the schema of that type. */
public record ReceivedEvent(UUID id, String type, CafeEvent payload) {

    /** Reads a binary-mode CloudEvent from a Kafka message; throws {@link UnknownEventException} if it cannot. */
    @SuppressWarnings("unchecked")
    public static ReceivedEvent of(Message<String> message) {
        CloudEventMetadata<String> ce = message.getMetadata(CloudEventMetadata.class)
                .orElseThrow(() -> new UnknownEventException("Not a CloudEvent: no ce_* headers"));
        return of(ce.getId(), ce.getType(), message.getPayload());
    }

    public static ReceivedEvent of(String id, String type, String data) {
        UUID eventId;
        try {
            eventId = UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnknownEventException("CloudEvent id is not a UUID: " + id, e);
        }
        if (data == null) {
            throw new UnknownEventException("CloudEvent " + id + " has no data");
        }
        return new ReceivedEvent(eventId, type, EventCodec.fromJson(type, data));
    }
}
