package cafe.status.rest;

import cafe.status.ViewRebuilder;
import io.smallrye.common.annotation.Blocking;
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
public class ViewAdminResource {

    private final ViewRebuilder rebuilder;

    ViewAdminResource(ViewRebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    /** Empties the view and replays every topic from its beginning; answers when caught up. */
    @POST
    @Path("rebuild")
    @Blocking
    @Operation(
            summary = "Rebuild the view from the topics",
            description = "Empties the view and replays every topic from its beginning"
                    + " up to where it ended when the rebuild began; answers when caught up. Live consumption goes on meanwhile."
                    + " Internal: not routed from outside the cluster.")
    @APIResponse(
            responseCode = "200",
            description = "Rebuilt: events applied, unreadable events skipped, orders in the view",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ViewRebuilder.Report.class)))
    @APIResponse(
            responseCode = "500",
            description =
                    "The rebuild failed, e.g. Kafka or the database unreachable; the view may be left partly rebuilt:"
                            + " run it again")
    public ViewRebuilder.Report rebuild() throws Throwable {
        return rebuilder.rebuild();
    }
}
