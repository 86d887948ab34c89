package cafe.messaging.inbox;

import cafe.events.UnknownEventException;
import cafe.problem.ProblemException;
import cafe.security.Roles;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;

/**
 * The HTTP entry for events: a binary-mode CloudEvent ({@code ce-*} headers, JSON body), as a
 * Knative KafkaSource delivers it to a service scaled from zero. It feeds the same handlers as the
 * Kafka channels, so idempotency and effects are the same. 2xx means done; an unreadable event is a
 * 400 problem, a failure a 5xx that the source retries. Only Knative Eventing may send events (its
 * sender identity, {@link EventingIdentity}), and only where {@code cafe.events.http.enabled} (the
 * knative profile): elsewhere the path does not exist.
 */
@Path(CloudEventResource.PATH)
@Tag(name = "Events", description = "Internal: the events this service consumes, as Knative Eventing delivers them")
@HttpAuthenticationMechanism(EventingAuthentication.SCHEME)
@RolesAllowed(Roles.EVENTING)
public class CloudEventResource {

    static final String PATH = "/events";

    private final Instance<EventHandler> handlers;

    CloudEventResource(Instance<EventHandler> handlers) {
        this.handlers = handlers;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Operation(
            summary = "Apply an event delivered as a binary-mode CloudEvent",
            description = "Idempotent on ce-id: a redelivered event is acknowledged and changes nothing")
    @APIResponse(responseCode = "202", description = "Applied, or already applied before")
    @APIResponse(
            responseCode = "400",
            description =
                    "Not a CloudEvents 1.0 binary-mode request, ce-id not a UUID, unknown ce-type, a ce-source that does not own the type or unreadable data; do not retry")
    @APIResponse(responseCode = "500", description = "Could not be applied now; the sender retries")
    public Uni<Response> receiveEvent(
            @Parameter(description = "The event's id, a UUID") @RestHeader("ce-id") String id,
            @Parameter(description = "The event's type, e.g. cafe.order.placed") @RestHeader("ce-type") String type,
            @Parameter(description = "The service that owns the type's topic, e.g. /order-service")
                    @RestHeader("ce-source")
                    String source,
            @Parameter(description = "Must be 1.0") @RestHeader("ce-specversion") String specVersion,
            String data) {
        ReceivedEvent event;
        try {
            if (!"1.0".equals(specVersion)) {
                throw new UnknownEventException(
                        "Not a CloudEvents 1.0 binary-mode request (ce-specversion: " + specVersion + ")");
            }
            event = ReceivedEvent.of(id, type, source, data);
        } catch (UnknownEventException e) {
            return Uni.createFrom().failure(new ProblemException(400, "Bad Request", e.getMessage()));
        }
        return Multi.createFrom()
                .iterable(handlers)
                .onItem()
                .transformToUniAndConcatenate(handler -> handler.apply(event))
                .collect()
                .last()
                // an event that can never be applied is refused for good (the source dead-letters it);
                // any other failure is a 5xx, which the source retries
                .onFailure(Poison::is)
                .transform(failure -> new ProblemException(
                        400, "Bad Request", "The event cannot be applied: " + failure.getMessage()))
                .replaceWith(Response.accepted().build());
    }
}
