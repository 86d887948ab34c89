package cafe.barista.rest;

import cafe.barista.TicketResponse;
import cafe.barista.TicketService;
import cafe.barista.TicketStatus;
import cafe.barista.board.TicketBoard;
import cafe.security.Audited;
import cafe.security.Roles;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The barista's view: the queue, live, and starting, finishing and handing over drinks. Baristas only. */
@Path("/tickets")
@Tag(name = "Tickets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.BARISTA)
public class TicketResource {

    private static final String STATUSES = "QUEUED|BREWING|READY|HANDED_OVER|CANCELED";

    private final TicketService tickets;
    private final TicketBoard board;

    TicketResource(TicketService tickets, TicketBoard board) {
        this.tickets = tickets;
        this.board = board;
    }

    @GET
    public Uni<List<TicketResponse>> listTickets(
            @RestQuery @Pattern(regexp = STATUSES, message = "must be QUEUED, BREWING, READY, HANDED_OVER or CANCELED")
                    String status,
            @RestQuery UUID orderId,
            @RestQuery @DefaultValue("0") @Min(0) int page,
            @RestQuery @DefaultValue("50") @Min(1) @Max(200) int size) {
        return tickets.list(status == null ? null : TicketStatus.valueOf(status), orderId, page, size)
                .map(found -> found.stream().map(TicketResponse::of).toList());
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<OutboundSseEvent> followBoard(@Context Sse sse) {
        return board.follow(sse);
    }

    @GET
    @Path("{id}")
    public Uni<TicketResponse> getTicket(@RestPath UUID id) {
        return tickets.find(id).map(TicketResponse::of);
    }

    @POST
    @Path("{id}/start")
    @Audited
    public Uni<TicketResponse> startTicket(@RestPath UUID id) {
        return tickets.startBrewing(id).map(TicketResponse::of);
    }

    @POST
    @Path("{id}/finish")
    @Audited
    public Uni<TicketResponse> finishTicket(@RestPath UUID id) {
        return tickets.finish(id).map(TicketResponse::of);
    }

    @POST
    @Path("{id}/hand-over")
    @Audited
    public Uni<TicketResponse> handOverTicket(@RestPath UUID id) {
        return tickets.handOver(id).map(TicketResponse::of);
    }
}
