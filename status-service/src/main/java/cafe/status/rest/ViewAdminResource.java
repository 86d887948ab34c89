package cafe.status.rest;

import cafe.security.Roles;
import cafe.status.ViewRebuilder;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operations on the view itself; not routed from outside the cluster (see deploy/). */
@Path("/admin/view")
@Tag(name = "View administration")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ViewAdminResource {

    private final ViewRebuilder rebuilder;

    ViewAdminResource(ViewRebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    /** Replays every topic into shadow tables and swaps them in; answers when the new view is in place. */
    @POST
    @Path("rebuild")
    @Blocking
    @Operation(
            summary = "Rebuild the view from the topics",
            description = "Replays every topic from its beginning, up to where it ended when the rebuild began,"
                    + " into shadow tables, then swaps them in for the live view in one transaction; answers when"
                    + " the new view is in place. Reads go on from the old view meanwhile, so a known order never"
                    + " answers 404, and so does live consumption: events received during the rebuild are merged"
                    + " in at the swap. One rebuild at a time, across replicas. Internal: not routed from outside"
                    + " the cluster.")
    @APIResponse(
            responseCode = "200",
            description = "Rebuilt: events replayed, events skipped (unreadable, or refused by the database, as the"
                    + " live consumer dead-lettered them), events received meanwhile merged in,"
                    + " orders in the view",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ViewRebuilder.Report.class)))
    @APIResponse(responseCode = "409", description = "A rebuild is running already (on this replica or another)")
    @APIResponse(
            responseCode = "500",
            description =
                    "The rebuild failed, e.g. Kafka or the database unreachable; the live view stays whole (the old"
                            + " one, unless the swap had committed): run it again")
    public ViewRebuilder.Report rebuild() throws Throwable {
        return rebuilder.rebuild();
    }
}
