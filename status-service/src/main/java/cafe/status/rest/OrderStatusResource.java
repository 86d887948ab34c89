package cafe.status.rest;

import cafe.status.OrderStatusDocument;
import cafe.status.OrderStatusService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The customer's view of their orders. */
@Path("/order-status")
@Produces(MediaType.APPLICATION_JSON)
public class OrderStatusResource {

    private final OrderStatusService statuses;

    OrderStatusResource(OrderStatusService statuses) {
        this.statuses = statuses;
    }

    @GET
    @Path("{orderId}")
    public Uni<OrderStatusDocument> get(@RestPath UUID orderId) {
        return statuses.find(orderId);
    }

    /**
     * Server-Sent Events: the document now, then one event per change, closing after a final state.
     * An order not in the view yet is waited for (cafe.status.stream-wait-for-unknown), then the stream ends.
     */
    @GET
    @Path("{orderId}/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<OrderStatusDocument> stream(@RestPath UUID orderId) {
        return statuses.follow(orderId);
    }

    @GET
    public Uni<List<OrderStatusDocument>> byCustomer(@RestQuery @NotNull @Size(min = 1, max = 64) String customerId,
            @RestQuery @DefaultValue("0") @Min(0) int page,
            @RestQuery @DefaultValue("20") @Min(1) @Max(100) int size) {
        return statuses.findByCustomer(customerId, page, size);
    }
}
