package cafe.messaging.deadletter;

import cafe.problem.ProblemException;
import cafe.security.Audited;
import cafe.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** For operators: what this service dead-lettered, and its replay (through the edge at /ops/<service>). */
@Path("/ops/{service}/dead-letters")
@Tag(name = "Operations", description = "For operators: through the edge at /ops/<service>, the admin role only")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@RolesAllowed(Roles.ADMIN)
@Audited
public class DeadLetterResource {

    private final DeadLetters deadLetters;

    DeadLetterResource(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GET
    @Operation(
            summary = "This service's dead letters: how many are left to replay, and those a replay parked",
            description = "The dead-letter topic of the events this service consumes; a parked record could"
                    + " not be read or was refused by the database, and carries the reason")
    @APIResponse(responseCode = "200", description = "Pending count, parked count and the latest parked records")
    @APIResponse(responseCode = "404", description = "service names another service")
    public DeadLetters.State getDeadLetters(@RestPath String service) {
        return deadLetters.state();
    }

    @POST
    @Path("/replay")
    @Operation(
            summary = "Re-deliver the dead-lettered events through this service's handlers",
            description = "Each record once (the replay group's offsets); idempotent handlers make an event"
                    + " applied before a no-op. A record that cannot be read or that the database refuses is"
                    + " parked with the reason (GET /ops/{service}/dead-letters) and the replay goes on.")
    @APIResponse(responseCode = "200", description = "Replayed: counts of records read, re-applied and parked")
    @APIResponse(responseCode = "409", description = "A replay is running")
    @APIResponse(
            responseCode = "503",
            description = "An event could not be applied now (e.g. the database is away): replayed up to it; try again")
    @APIResponse(responseCode = "404", description = "service names another service")
    public DeadLetters.Replay replayDeadLetters(@RestPath String service) {
        try {
            return deadLetters.replay();
        } catch (ReplayRunningException e) {
            throw ProblemException.conflict(e.getMessage());
        } catch (IllegalStateException e) {
            throw ProblemException.unavailable(e.getMessage(), Duration.ofSeconds(5));
        }
    }
}
