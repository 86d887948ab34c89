package cafe.barista.rest;

import cafe.barista.TicketResponse;
import cafe.barista.TicketService;
import cafe.barista.TicketStatus;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** The barista's view: the queue, and starting and finishing drinks. */
@Path("/tickets")
@Produces(MediaType.APPLICATION_JSON)
public class TicketResource {

    private final TicketService tickets;

    TicketResource(TicketService tickets) {
        this.tickets = tickets;
    }

    @GET
    public Uni<List<TicketResponse>> list(
            @RestQuery @Pattern(regexp = "QUEUED|BREWING|READY|CANCELED", message = "must be QUEUED, BREWING, READY or CANCELED") String status,
            @RestQuery UUID orderId,
            @RestQuery @DefaultValue("0") @Min(0) int page,
            @RestQuery @DefaultValue("50") @Min(1) @Max(200) int size) {
        return tickets.list(status == null ? null : TicketStatus.valueOf(status), orderId, page, size).map(found -> found.stream().map(TicketResponse::of).toList());
    }

    @GET
    @Path("{id}")
    public Uni<TicketResponse> get(@RestPath UUID id) {
        return tickets.find(id).map(TicketResponse::of);
    }

    @POST
    @Path("{id}/start")
    public Uni<TicketResponse> start(@RestPath UUID id) {
        return tickets.startBrewing(id).map(TicketResponse::of);
    }

    @POST
    @Path("{id}/finish")
    public Uni<TicketResponse> finish(@RestPath UUID id) {
        return tickets.finish(id).map(TicketResponse::of);
    }
}
