package cafe.status.rest;

import cafe.security.Audited;
import cafe.security.Roles;
import cafe.status.ViewRebuilder;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operations on the view itself, for operators (through the edge at /ops/status-service). */
@Path("/ops/status-service/view")
@Tag(name = "Operations", description = "For operators: through the edge at /ops/<service>, the admin role only")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Audited
public class ViewAdminResource {

    private final ViewRebuilder rebuilder;

    ViewAdminResource(ViewRebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    /** Replays every topic into shadow tables and swaps them in; answers when the new view is in place. */
    @POST
    @Path("rebuild")
    @Blocking
    public ViewRebuilder.Report rebuildView() throws Throwable {
        return rebuilder.rebuild();
    }
}
