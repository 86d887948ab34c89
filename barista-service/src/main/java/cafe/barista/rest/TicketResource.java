package cafe.barista.rest;

import cafe.barista.TicketResponse;
import cafe.barista.TicketService;
import cafe.barista.TicketStatus;
import cafe.security.Roles;
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
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** The barista's view: the queue, and starting and finishing drinks. Baristas only. */
@Path("/tickets")
@Tag(name = "Tickets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.BARISTA)
public class TicketResource {

    private final TicketService tickets;

    TicketResource(TicketService tickets) {
        this.tickets = tickets;
    }

    @GET
    @Operation(
            summary = "List tickets",
            description = "The tickets of one order when orderId is given (status and paging then do not apply);"
                    + " otherwise a page of tickets, oldest first, optionally of one status.")
    @APIResponse(responseCode = "200", description = "The tickets")
    @APIResponse(responseCode = "400", description = "Unknown status, or page or size out of range")
    @APIResponse(
            responseCode = "404",
            description =
                    "orderId is not a UUID, or page or size not a number (an unconvertible query parameter is a 404 in JAX-RS)")
    public Uni<List<TicketResponse>> list(
            @Parameter(
                            description = "Only tickets in this state",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"QUEUED", "BREWING", "READY", "CANCELED"}))
                    @RestQuery
                    @Pattern(
                            regexp = "QUEUED|BREWING|READY|CANCELED",
                            message = "must be QUEUED, BREWING, READY or CANCELED")
                    String status,
            @Parameter(description = "Only the ticket of this order; takes precedence over status, page and size")
                    @RestQuery
                    UUID orderId,
            @Parameter(description = "Page number, from 0") @RestQuery @DefaultValue("0") @Min(0) int page,
            @Parameter(description = "Tickets per page, 1 to 200") @RestQuery @DefaultValue("50") @Min(1) @Max(200)
                    int size) {
        return tickets.list(status == null ? null : TicketStatus.valueOf(status), orderId, page, size)
                .map(found -> found.stream().map(TicketResponse::of).toList());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a ticket")
    @APIResponse(responseCode = "200", description = "The ticket")
    @APIResponse(responseCode = "404", description = "No such ticket")
    public Uni<TicketResponse> get(@Parameter(description = "The ticket's id") @RestPath UUID id) {
        return tickets.find(id).map(TicketResponse::of);
    }

    @POST
    @Path("{id}/start")
    @Operation(
            summary = "Start brewing",
            description = "QUEUED becomes BREWING; the order follows (brew started event).")
    @APIResponse(responseCode = "200", description = "Brewing")
    @APIResponse(responseCode = "404", description = "No such ticket")
    @APIResponse(responseCode = "409", description = "Not QUEUED: already BREWING, READY or CANCELED")
    public Uni<TicketResponse> start(@Parameter(description = "The ticket's id") @RestPath UUID id) {
        return tickets.startBrewing(id).map(TicketResponse::of);
    }

    @POST
    @Path("{id}/finish")
    @Operation(
            summary = "Finish a drink",
            description = "BREWING becomes READY; the order follows (coffee ready event).")
    @APIResponse(responseCode = "200", description = "Ready")
    @APIResponse(responseCode = "404", description = "No such ticket")
    @APIResponse(responseCode = "409", description = "Not BREWING: still QUEUED, or already READY or CANCELED")
    public Uni<TicketResponse> finish(@Parameter(description = "The ticket's id") @RestPath UUID id) {
        return tickets.finish(id).map(TicketResponse::of);
    }
}
