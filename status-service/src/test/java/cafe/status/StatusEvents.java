package cafe.status;

import cafe.events.CafeEvent;
import cafe.events.EventCodec;
import cafe.testing.KafkaEvents;
import java.util.UUID;

/** Sends an event to its topic as the producing service would: a binary CloudEvent keyed by order id. */
final class StatusEvents {

    private StatusEvents() {}

    static String send(CafeEvent event) {
        String id = UUID.randomUUID().toString();
        send(id, event);
        return id;
    }

    static void send(String eventId, CafeEvent event) {
        KafkaEvents.send(
                event.type().topic(),
                event.orderId().toString(),
                eventId,
                event.type().ceType(),
                EventCodec.toJson(event));
    }
}
