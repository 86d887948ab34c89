package cafe.testing;

import cafe.events.CafeEvent;
import cafe.events.EventCodec;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/**
 * Events posted to the service under test's {@code /events} as Knative Eventing delivers them: a binary-mode
 * CloudEvent (its id, type and source in {@code ce-} headers, its data as the JSON body) with the sender's
 * token. The data of an event must be what its schema allows, as with {@link KafkaEvents#send}.
 */
public final class CloudEvents {

    private CloudEvents() {}

    /** The event, under a new id, from its type's owner, as Knative Eventing posts it. */
    public static Response post(CafeEvent event) {
        return post(UUID.randomUUID().toString(), event);
    }

    /** The event under {@code id} (the same id twice is a redelivery), as Knative Eventing posts it. */
    public static Response post(String id, CafeEvent event) {
        return postAs(Tokens.as(Tokens.eventing()), id, event);
    }

    /** The event under {@code id}, posted by {@code caller}: one that is not Knative Eventing, say. */
    public static Response postAs(RequestSpecification caller, String id, CafeEvent event) {
        String type = event.type().ceType();
        return request(caller, id, type, event.type().source())
                .body(EventSchemas.conforming(type, EventCodec.toJson(event)))
                .post("/events");
    }

    /** {@code caller}'s request with a CloudEvent's headers and a JSON content type, for a body of the test's own. */
    public static RequestSpecification request(RequestSpecification caller, String id, String type, String source) {
        return caller.header("ce-specversion", "1.0")
                .header("ce-id", id)
                .header("ce-type", type)
                .header("ce-source", source)
                .contentType("application/json");
    }
}
