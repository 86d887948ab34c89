package cafe.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Turns events into the JSON data of a CloudEvent and back, strictly by the record of each type. */
public final class EventCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EventCodec() {}

    public static String toJson(CafeEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + event.type().ceType(), e);
        }
    }

    public static CafeEvent fromJson(String ceType, String json) {
        EventType type = EventType.ofCeType(ceType);
        try {
            CafeEvent event = MAPPER.readValue(json, type.payload());
            if (event.orderId() == null) {
                throw new UnknownEventException(ceType + " without an orderId");
            }
            return event;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new UnknownEventException("Unreadable " + ceType + " data: " + e.getMessage(), e);
        }
    }
}
