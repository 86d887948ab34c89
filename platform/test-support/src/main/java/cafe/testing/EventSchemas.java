package cafe.testing;

import cafe.events.EventType;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contract of each event type: the JSON Schema kept beside the records in platform/events
 * ({@code cafe/events/schema/<type>.json}). A producer's tests check what it published, a consumer's
 * tests check what they feed it, so a change that breaks the other side fails the build.
 */
public final class EventSchemas {

    static final String LOCATION = "cafe/events/schema/";
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {}

    /** The event's data, after asserting that it conforms to the schema of its type. */
    public static String conforming(String ceType, String json) {
        List<String> violations = violations(ceType, json);
        if (!violations.isEmpty()) {
            throw new AssertionError(ceType + " does not conform to its schema: " + violations + " in " + json);
        }
        return json;
    }

    /** What in the event's data breaks the schema of its type; empty when it conforms. */
    public static List<String> violations(String ceType, String json) {
        return schema(ceType)
                .validate(
                        json,
                        InputFormat.JSON,
                        context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)))
                .stream()
                .map(Error::toString)
                .toList();
    }

    /** The schema document's first example of a valid event of this type, as JSON. */
    public static String example(String ceType) {
        return schema(ceType).getSchemaNode().get("examples").get(0).toString();
    }

    static Schema schema(String ceType) {
        String type = EventType.ofCeType(ceType).ceType();
        return SCHEMAS.computeIfAbsent(type, EventSchemas::load);
    }

    private static Schema load(String ceType) {
        try (InputStream in = EventType.class.getClassLoader().getResourceAsStream(LOCATION + ceType + ".json")) {
            if (in == null) {
                throw new AssertionError(
                        "No schema for " + ceType + " at " + LOCATION + ceType + ".json in platform/events");
            }
            return REGISTRY.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
