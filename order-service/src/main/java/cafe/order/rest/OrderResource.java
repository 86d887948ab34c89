package cafe.order.rest;

import cafe.order.Order;
import cafe.order.OrderPatch;
import cafe.order.OrderResponse;
import cafe.order.OrderService;
import cafe.order.OrderStatus;
import cafe.order.PlaceOrderRequest;
import cafe.problem.ProblemException;
import cafe.security.Caller;
import cafe.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Orders: place, read, list, cancel. A customer acts on their own orders only (the token's subject is the
 * customer id): another customer's order answers 404, so an order id reveals nothing. Operators read and
 * list across customers.
 */
@Path("/orders")
@Tag(name = "Orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    private final OrderService orders;
    private final Caller caller;

    OrderResource(OrderService orders, Caller caller) {
        this.orders = orders;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CUSTOMER)
    @Operation(
            summary = "Place an order",
            description = "Charges the payment synchronously; the order exists (PLACED) only once paid."
                    + " The customer is the token's subject; a customerId in the body must be the same.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(name = "order", value = "{\"menuId\":1,\"qty\":2}"),
                                @ExampleObject(
                                        name = "original system",
                                        value = "{\"menuId\":1,\"qty\":1,\"status\":\"Ordered\"}")
                            }))
    @APIResponse(
            responseCode = "201",
            description = "Paid and placed; Location names the order",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OrderResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, wrong type, or a field out of range")
    @APIResponse(responseCode = "402", description = "Payment declined: the order is REJECTED")
    @APIResponse(responseCode = "403", description = "Not a customer, or a customerId that is not the caller's")
    @APIResponse(
            responseCode = "422",
            description = "Unknown menu item, or an Idempotency-Key reused for a different order")
    @APIResponse(
            responseCode = "503",
            description =
                    "Payment slow, failing or overloaded: the order (orderId) is pending, not paid; try again shortly (Retry-After) with the same Idempotency-Key, which the problem names (idempotencyKey) when the request had none",
            headers = @Header(name = "Retry-After", description = "Seconds to wait"))
    public Uni<Response> place(
            @Valid @NotNull PlaceOrderRequest request,
            @Parameter(
                            description =
                                    "Makes a retry safe: the same key and body return the first result, never a second order or charge")
                    @RestHeader("Idempotency-Key")
                    @Size(min = 1, max = 128)
                    String idempotencyKey,
            @Context UriInfo uri) {
        if (request.customerId() != null && !request.customerId().equals(caller.subject())) {
            throw new ProblemException(
                    403, "Forbidden", "customerId must be your own (the subject of your token), or left out");
        }
        return orders.place(request.forCustomer(caller.subject()), idempotencyKey)
                .map(order -> placed(order, uri));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CUSTOMER, Roles.ADMIN})
    @Operation(summary = "Read an order")
    @APIResponse(responseCode = "200", description = "The order")
    @APIResponse(responseCode = "404", description = "No such order of yours")
    public Uni<OrderResponse> get(@RestPath UUID id) {
        return orders.find(id)
                .invoke(order -> {
                    if (!caller.mayAccess(order.customerId)) {
                        throw ProblemException.notFound("Order", id);
                    }
                })
                .map(OrderResponse::of);
    }

    @POST
    @Path("{id}/cancel")
    @Operation(
            summary = "Ask to cancel an order",
            description = "Allowed while PLACED or BREWING. The barista decides: the order is CANCEL_REQUESTED"
                    + " until the ticket is dropped (then CANCELED and refunded) or the drink turns out to be"
                    + " ready (then READY, paid, not refunded). Asking again while pending changes nothing.")
    @RolesAllowed(Roles.CUSTOMER)
    @APIResponse(responseCode = "202", description = "Requested: the order is CANCEL_REQUESTED")
    @APIResponse(responseCode = "404", description = "No such order of yours")
    @APIResponse(
            responseCode = "409",
            description =
                    "Too late: READY (the coffee is made), CANCELED or REJECTED; or PAYMENT_PENDING, not settled yet")
    public Uni<Response> cancel(@RestPath UUID id) {
        return orders.requestCancel(id, caller.subject()).map(OrderResource::cancelRequested);
    }

    /** The original system's cancel call: {@code {"status":"OrderCanceled"}}. */
    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Ask to cancel an order (the original system's call)",
            description = "Body {\"status\":\"OrderCanceled\"}; the same as POST /orders/{id}/cancel.")
    @RolesAllowed(Roles.CUSTOMER)
    @APIResponse(responseCode = "202", description = "Requested: the order is CANCEL_REQUESTED")
    @APIResponse(responseCode = "400", description = "Any other change")
    @APIResponse(responseCode = "404", description = "No such order of yours")
    @APIResponse(responseCode = "409", description = "Too late to cancel, or not settled yet (as the POST)")
    public Uni<Response> patch(@RestPath UUID id, @Valid @NotNull OrderPatch patch) {
        return orders.requestCancel(id, caller.subject()).map(OrderResource::cancelRequested);
    }

    @GET
    @RolesAllowed({Roles.CUSTOMER, Roles.ADMIN})
    @Operation(
            summary = "List orders, newest first",
            description =
                    "A customer's own orders; an operator's of every customer, or of the one customerId names; paged.")
    @APIResponse(responseCode = "200", description = "A page of orders")
    @APIResponse(responseCode = "400", description = "Page or size out of range")
    @APIResponse(responseCode = "403", description = "A customer asked for another customer's orders")
    public Uni<List<OrderResponse>> list(
            @RestQuery @Size(min = 1, max = 64) String customerId,
            @RestQuery @DefaultValue("0") @Min(0) int page,
            @RestQuery @DefaultValue("20") @Min(1) @Max(100) int size) {
        if (!caller.isAdmin() && customerId != null && !customerId.equals(caller.subject())) {
            throw new ProblemException(403, "Forbidden", "You can list your own orders only");
        }
        return orders.list(caller.isAdmin() ? customerId : caller.subject(), page, size)
                .map(found -> found.stream().map(OrderResponse::of).toList());
    }

    private static Response cancelRequested(Order order) {
        return Response.accepted(OrderResponse.of(order)).build();
    }

    private static Response placed(Order order, UriInfo uri) {
        if (order.status == OrderStatus.REJECTED) {
            throw new ProblemException(
                    402,
                    "Payment Declined",
                    "The payment for this order was declined; it was not placed",
                    Map.of("orderId", order.id, "orderStatus", order.status),
                    null);
        }
        return Response.created(
                        uri.getAbsolutePathBuilder().path(order.id.toString()).build())
                .entity(OrderResponse.of(order))
                .build();
    }
}
