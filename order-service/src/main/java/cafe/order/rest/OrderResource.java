package cafe.order.rest;

import cafe.order.Order;
import cafe.order.OrderResponse;
import cafe.order.OrderPatch;
import cafe.order.OrderService;
import cafe.order.OrderStatus;
import cafe.order.PlaceOrderRequest;
import cafe.problem.ProblemException;
import io.smallrye.mutiny.Uni;
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
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Orders: place, read, list. */
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    private final OrderService orders;

    OrderResource(OrderService orders) {
        this.orders = orders;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> place(@Valid @NotNull PlaceOrderRequest request,
            @RestHeader("Idempotency-Key") @Size(min = 1, max = 128) String idempotencyKey, @Context UriInfo uri) {
        return orders.place(request, idempotencyKey).map(order -> placed(order, uri));
    }

    @GET
    @Path("{id}")
    public Uni<OrderResponse> get(@RestPath UUID id) {
        return orders.find(id).map(OrderResponse::of);
    }

    @POST
    @Path("{id}/cancel")
    public Uni<OrderResponse> cancel(@RestPath UUID id) {
        return orders.cancel(id).map(OrderResponse::of);
    }

    /** The original system's cancel call: {@code {"status":"OrderCanceled"}}. */
    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<OrderResponse> patch(@RestPath UUID id, @Valid @NotNull OrderPatch patch) {
        return orders.cancel(id).map(OrderResponse::of);
    }

    @GET
    public Uni<List<OrderResponse>> list(@RestQuery @Size(min = 1, max = 64) String customerId,
            @RestQuery @DefaultValue("0") @Min(0) int page,
            @RestQuery @DefaultValue("20") @Min(1) @Max(100) int size) {
        return orders.list(customerId, page, size).map(found -> found.stream().map(OrderResponse::of).toList());
    }

    private static Response placed(Order order, UriInfo uri) {
        if (order.status == OrderStatus.REJECTED) {
            throw new ProblemException(402, "Payment Declined", "The payment for this order was declined; it was not placed",
                    Map.of("orderId", order.id, "status", order.status), null);
        }
        return Response.created(uri.getAbsolutePathBuilder().path(order.id.toString()).build())
                .entity(OrderResponse.of(order)).build();
    }
}
