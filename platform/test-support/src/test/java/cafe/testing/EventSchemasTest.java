package cafe.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cafe.events.CafeEvent;
import cafe.events.EventCodec;
import cafe.events.EventType;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The schemas and the records agree: every type has a schema, and each side reads what the other writes. */
class EventSchemasTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theSchemasExampleIsReadByTheRecordAndTheRecordWritesWhatTheSchemaAllows(EventType type) {
        String example = EventSchemas.example(type.ceType());
        assertEquals(List.of(), EventSchemas.violations(type.ceType(), example), "the example of " + type.ceType());

        CafeEvent read = EventCodec.fromJson(type.ceType(), example);
        assertEquals(type.payload(), read.getClass());
        assertEquals(
                List.of(), EventSchemas.violations(type.ceType(), EventCodec.toJson(read)), "what the record writes");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void aMissingOrderIdAnUnknownFieldOrAMalformedIdBreaksTheSchema(EventType type) {
        String example = EventSchemas.example(type.ceType());
        String orderId = EventCodec.fromJson(type.ceType(), example).orderId().toString();

        assertFalse(EventSchemas.violations(type.ceType(), example.replace("\"orderId\":\"" + orderId + "\",", ""))
                .isEmpty());
        assertFalse(EventSchemas.violations(type.ceType(), example.replaceFirst("\\{", "{\"extra\":1,"))
                .isEmpty());
        assertFalse(EventSchemas.violations(type.ceType(), example.replace(orderId, "not-a-uuid"))
                .isEmpty());
        assertThrows(AssertionError.class, () -> EventSchemas.conforming(type.ceType(), "{}"));
    }
}
