package cafe.status.rest;

import cafe.problem.ProblemException;
import cafe.security.Caller;
import cafe.security.Roles;
import cafe.status.OrderStatusDocument;
import cafe.status.OrderStatusService;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The customer's view of their orders: their own only (another customer's order answers 404, as an
 * unknown one does); operators see every customer's.
 */
@Path("/order-status")
@Tag(name = "Order status")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CUSTOMER, Roles.ADMIN})
public class OrderStatusResource {

    private final OrderStatusService statuses;
    private final LiveStream liveStream;
    private final Caller caller;

    OrderStatusResource(OrderStatusService statuses, LiveStream liveStream, Caller caller) {
        this.statuses = statuses;
        this.liveStream = liveStream;
        this.caller = caller;
    }

    @GET
    @Path("{orderId}")
    @Operation(
            summary = "Read an order's status",
            description = "The order as its events describe it: status, payment state and timeline."
                    + " The view follows the events, so a just-placed order may be unknown for a moment.")
    @APIResponse(responseCode = "200", description = "The order's status document")
    @APIResponse(responseCode = "404", description = "The view does not know the order (yet)")
    public Uni<OrderStatusDocument> get(@Parameter(description = "The order's id") @RestPath UUID orderId) {
        Predicate<OrderStatusDocument> mine = visibleToCaller();
        return statuses.find(orderId).invoke(document -> requireVisible(mine, document));
    }

    /**
     * Server-Sent Events: the document now, then one event per change, closing after a final state.
     * An order not in the view yet is waited for (cafe.status.stream-wait-for-unknown), then the stream
     * ends. Comments keep a quiet stream alive, and every stream ends after a maximum lifetime.
     */
    @GET
    @Path("{orderId}/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Follow an order's status live",
            description = "Server-Sent Events, each one status document as JSON: the document now,"
                    + " then one per change; the stream closes after READY or CANCELED. An order the view does not"
                    + " know yet is waited for a while (cafe.status.stream-wait-for-unknown, 30s by default); if it"
                    + " does not appear, the stream ends without events. While nothing changes, a comment line"
                    + " (`: keep-alive`) comes every cafe.status.stream-keep-alive (15s by default). Every stream"
                    + " ends after cafe.status.stream-max-lifetime (30m by default), whatever the order's status:"
                    + " a client that still wants changes opens the stream again, and gets the document as it is"
                    + " then, first. Another customer's order answers 404; one the view learns of only while its"
                    + " stream waits ends the stream without events if it is another customer's.")
    @APIResponse(
            responseCode = "200",
            description = "The stream of status documents",
            content =
                    @Content(
                            mediaType = MediaType.SERVER_SENT_EVENTS,
                            schema = @Schema(implementation = OrderStatusDocument.class)))
    @APIResponse(responseCode = "404", description = "orderId is not a UUID, or another customer's order")
    @Blocking
    public Multi<OutboundSseEvent> stream(
            @Parameter(description = "The order's id") @RestPath UUID orderId, @Context Sse sse) throws Throwable {
        Predicate<OrderStatusDocument> mine = visibleToCaller();
        // checked before the stream is returned: once it is, the 200 and the headers are sent, and a failure
        // of the stream could only cut the connection
        OrderStatusDocument now = VertxContextSupport.subscribeAndAwait(() -> statuses.findOrNull(orderId));
        if (now != null) {
            requireVisible(mine, now);
        }
        // an order the view did not know yet: its stream ends, without the document, if it is someone else's
        return liveStream.of(statuses.follow(orderId).select().first(mine), sse);
    }

    @GET
    @Operation(
            summary = "List a customer's orders, newest first",
            description = "Paged. A customer lists their own (customerId may be left out); an operator names one.")
    @APIResponse(responseCode = "200", description = "A page of status documents")
    @APIResponse(
            responseCode = "400",
            description = "customerId too long (or missing, for an operator), or page or size out of range")
    @APIResponse(responseCode = "403", description = "A customer asked for another customer's orders")
    @APIResponse(
            responseCode = "404",
            description = "page or size not a number (an unconvertible query parameter is a 404 in JAX-RS)")
    public Uni<List<OrderStatusDocument>> byCustomer(
            @Parameter(description = "The customer whose orders to list (a customer's own by default)", example = "c-1")
                    @RestQuery
                    @Size(min = 1, max = 64)
                    String customerId,
            @Parameter(description = "Page number, from 0") @RestQuery @DefaultValue("0") @Min(0) int page,
            @Parameter(description = "Documents per page, 1 to 100") @RestQuery @DefaultValue("20") @Min(1) @Max(100)
                    int size) {
        String whose = customerId != null ? customerId : caller.isAdmin() ? null : caller.subject();
        if (whose == null) {
            throw new ProblemException(400, "Bad Request", "customerId: must not be null");
        }
        if (!caller.mayAccess(whose)) {
            throw new ProblemException(403, "Forbidden", "You can list your own orders only");
        }
        return statuses.findByCustomer(whose, page, size);
    }

    /** Who may see a document, decided while the request is current (a stream reads it later). */
    private Predicate<OrderStatusDocument> visibleToCaller() {
        boolean admin = caller.isAdmin();
        String subject = caller.subject();
        return document -> admin || subject.equals(document.customerId());
    }

    private static void requireVisible(Predicate<OrderStatusDocument> visible, OrderStatusDocument document) {
        if (!visible.test(document)) {
            throw ProblemException.notFound("Order status", document.orderId());
        }
    }
}
