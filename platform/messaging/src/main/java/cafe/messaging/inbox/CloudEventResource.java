package cafe.messaging.inbox;

import cafe.events.UnknownEventException;
import cafe.problem.ProblemException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestHeader;

/**
 * The HTTP entry for events: a binary-mode CloudEvent ({@code ce-*} headers, JSON body), as a
 * Knative KafkaSource delivers it to a service scaled from zero. It feeds the same handlers as the
 * Kafka channels, so idempotency and effects are the same. 2xx means done; an unreadable event is a
 * 400 problem, a failure a 5xx that the source retries.
 */
@Path("/events")
public class CloudEventResource {

    private final Instance<EventHandler> handlers;

    CloudEventResource(Instance<EventHandler> handlers) {
        this.handlers = handlers;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Uni<Response> receive(@RestHeader("ce-id") String id, @RestHeader("ce-type") String type,
            @RestHeader("ce-specversion") String specVersion, String data) {
        ReceivedEvent event;
        try {
            if (!"1.0".equals(specVersion)) {
                throw new UnknownEventException("Not a CloudEvents 1.0 binary-mode request (ce-specversion: " + specVersion + ")");
            }
            event = ReceivedEvent.of(id, type, data);
        } catch (UnknownEventException e) {
            return Uni.createFrom().failure(new ProblemException(400, "Bad Request", e.getMessage()));
        }
        return Multi.createFrom().iterable(handlers)
                .onItem().transformToUniAndConcatenate(handler -> handler.apply(event))
                .collect().last()
                .replaceWith(Response.accepted().build());
    }
}
