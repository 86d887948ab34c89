package cafe.order.rest;

import cafe.order.Order;
import cafe.order.OrderPatch;
import cafe.order.OrderResponse;
import cafe.order.OrderService;
import cafe.order.OrderStatus;
import cafe.order.OrdersPerCustomer;
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
    private final OrdersPerCustomer ordersPerCustomer;
    private final Caller caller;

    OrderResource(OrderService orders, OrdersPerCustomer ordersPerCustomer, Caller caller) {
        this.orders = orders;
        this.ordersPerCustomer = ordersPerCustomer;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CUSTOMER)
    public Uni<Response> placeOrder(
            @Valid @NotNull PlaceOrderRequest request,
            @RestHeader("Idempotency-Key") @Size(min = 1, max = 128) String idempotencyKey,
            @Context UriInfo uri) {
        String customer = caller.customerToActFor(request.customerId());
        ordersPerCustomer.admit(customer);
        return orders.place(request.forCustomer(customer), caller.displayNameFor(customer), idempotencyKey)
                .map(order -> placed(order, uri));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CUSTOMER, Roles.ADMIN})
    public Uni<OrderResponse> getOrder(@RestPath UUID id) {
        return orders.find(id)
                .invoke(order -> caller.requireAccess(order.customerId, "Order", id))
                .map(OrderResponse::of);
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed(Roles.CUSTOMER)
    public Uni<Response> cancelOrder(@RestPath UUID id) {
        return orders.requestCancel(id, caller.subject()).map(OrderResource::cancelRequested);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CUSTOMER)
    public Uni<Response> patchOrder(@RestPath UUID id, @Valid @NotNull OrderPatch patch) {
        return cancelOrder(id);
    }

    @GET
    @RolesAllowed({Roles.CUSTOMER, Roles.ADMIN})
    public Uni<List<OrderResponse>> listOrders(
            @RestQuery @Size(min = 1, max = 64) String customerId,
            @RestQuery @DefaultValue("0") @Min(0) int page,
            @RestQuery @DefaultValue("20") @Min(1) @Max(100) int size) {
        return orders.list(caller.customerToActFor(customerId), page, size)
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
