package cafe.messaging.ops;

import cafe.security.Roles;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * This service's health, every check (liveness, readiness, wellness, startup) with its data, for the
 * operators' console: the management interface, which serves the same to the cluster, stays private.
 */
@Path("/ops/{service}/health")
@Tag(name = "Operations", description = "For operators: through the edge at /ops/<service>, the admin role only")
@RolesAllowed(Roles.ADMIN)
public class HealthReportResource {

    private final SmallRyeHealthReporter health;

    HealthReportResource(SmallRyeHealthReporter health) {
        this.health = health;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "This service's health: every check and its data")
    @APIResponse(responseCode = "200", description = "The checks; status DOWN when one is down")
    @APIResponse(responseCode = "404", description = "service names another service")
    public Uni<String> getHealth(@RestPath String service) {
        return health.getHealthAsync().map(report -> report.getPayload().toString());
    }
}
