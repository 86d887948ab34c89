package cafe.status.rest;

import cafe.status.ViewRebuilder;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Operations on the view itself; not routed from outside the cluster (see deploy/). */
@Path("/admin/view")
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
    public ViewRebuilder.Report rebuild() throws Throwable {
        return rebuilder.rebuild();
    }
}
