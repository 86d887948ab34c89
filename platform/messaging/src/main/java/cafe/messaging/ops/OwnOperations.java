package cafe.messaging.ops;

import cafe.problem.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The operators' routes live under {@code /ops/<service>}, so that the edge sends each service's to that
 * service by its path alone; a service answers those that name it, and no other: one named for another
 * service is not found here.
 */
public class OwnOperations {

    /** The path parameter that names the service, in {@code /ops/{service}/...}. */
    public static final String SERVICE = "service";

    private final String name;

    OwnOperations(@ConfigProperty(name = "quarkus.application.name") String name) {
        this.name = name;
    }

    @ServerRequestFilter
    public void onlyThisService(ContainerRequestContext request) {
        String named = request.getUriInfo().getPathParameters().getFirst(SERVICE);
        if (named != null && !named.equals(name)) {
            throw ProblemException.notFound("Service", named);
        }
    }
}
