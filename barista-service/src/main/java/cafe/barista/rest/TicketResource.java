package cafe.barista.rest;

import cafe.barista.TicketResponse;
import cafe.barista.TicketService;
import cafe.barista.TicketStatus;
import cafe.barista.board.BoardUpdate;
import cafe.barista.board.TicketBoard;
import cafe.barista.config.BaristaConfig;
import cafe.messaging.live.LiveStream;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
    private final BaristaConfig config;

    TicketResource(TicketService tickets, TicketBoard board, BaristaConfig config) {
        this.tickets = tickets;
        this.board = board;
        this.config = config;
    }

    @GET
    @Operation(summary = "List tickets")
    @APIResponse(responseCode = "200", description = "The tickets")
    @APIResponse(responseCode = "400", description = "Unknown status, or page or size out of range")
    @APIResponse(responseCode = "404", description = "orderId, page or size unconvertible (JAX-RS answers 404)")
    public Uni<List<TicketResponse>> listTickets(
            @RestQuery @Pattern(regexp = STATUSES, message = "must be QUEUED, BREWING, READY, HANDED_OVER or CANCELED")
                    String status,
            @RestQuery UUID orderId,
            @RestQuery @DefaultValue("0") @Min(0) int page,
            @RestQuery @DefaultValue("50") @Min(1) @Max(200) int size) {
        return tickets.list(status == null ? null : TicketStatus.valueOf(status), orderId, page, size)
                .map(found -> found.stream().map(TicketResponse::of).toList());
    }

    /**
     * Server-Sent Events: the board (event {@code board}: the queued, brewing and ready tickets, oldest
     * first), then what changes (event {@code change}: the tickets that moved, as they are now), whoever
     * moved them. Comments keep a quiet stream alive; every stream ends after a maximum lifetime.
     */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Follow the board live")
    @APIResponse(
            responseCode = "200",
            description = "The board, then its changes",
            content =
                    @Content(
                            mediaType = MediaType.SERVER_SENT_EVENTS,
                            schema = @Schema(implementation = BoardUpdate.class)))
    public Multi<OutboundSseEvent> followBoard(@Context Sse sse) {
        BaristaConfig.Board settings = config.board();
        return LiveStream.of(board.follow(), BoardUpdate::name, sse, settings.keepAlive(), settings.maxLifetime());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a ticket")
    @APIResponse(responseCode = "200", description = "The ticket")
    @APIResponse(responseCode = "404", description = "No such ticket")
    public Uni<TicketResponse> getTicket(@RestPath UUID id) {
        return tickets.find(id).map(TicketResponse::of);
    }

    @POST
    @Path("{id}/start")
    @Audited
    @Operation(summary = "Start brewing: QUEUED becomes BREWING")
    @APIResponse(responseCode = "200", description = "Brewing")
    @APIResponse(responseCode = "404", description = "No such ticket")
    @APIResponse(responseCode = "409", description = "Not QUEUED")
    public Uni<TicketResponse> startTicket(@RestPath UUID id) {
        return tickets.startBrewing(id).map(TicketResponse::of);
    }

    @POST
    @Path("{id}/finish")
    @Audited
    @Operation(summary = "Finish a drink: BREWING becomes READY")
    @APIResponse(responseCode = "200", description = "Ready")
    @APIResponse(responseCode = "404", description = "No such ticket")
    @APIResponse(responseCode = "409", description = "Not BREWING")
    public Uni<TicketResponse> finishTicket(@RestPath UUID id) {
        return tickets.finish(id).map(TicketResponse::of);
    }

    @POST
    @Path("{id}/hand-over")
    @Audited
    @Operation(summary = "Hand a drink over to its customer: READY becomes HANDED_OVER")
    @APIResponse(responseCode = "200", description = "Handed over")
    @APIResponse(responseCode = "404", description = "No such ticket")
    @APIResponse(responseCode = "409", description = "Not READY")
    public Uni<TicketResponse> handOverTicket(@RestPath UUID id) {
        return tickets.handOver(id).map(TicketResponse::of);
    }
}
