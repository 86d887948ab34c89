package cafe.messaging.inbox;

import cafe.problem.ProblemMappers;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * {@link CloudEventResource} exists only where events arrive over HTTP (the knative profile): elsewhere
 * {@code /events} answers 404 before anything else looks at the request, so no one can post events
 * to a service that takes them from Kafka.
 */
public class EventsOverHttp {

    private final boolean enabled;

    EventsOverHttp(EventsConfig config) {
        this.enabled = config.http().enabled();
    }

    @ServerRequestFilter(preMatching = true)
    public Response refuseWhenOff(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        boolean events = path.equals(CloudEventResource.PATH) || path.startsWith(CloudEventResource.PATH + "/");
        return enabled || !events
                ? null
                : ProblemMappers.respond(404, "Not Found", "No such resource here", request.getUriInfo(), Map.of());
    }
}
