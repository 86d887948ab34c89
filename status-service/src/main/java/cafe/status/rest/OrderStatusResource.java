package cafe.status.rest;

import cafe.messaging.live.LiveStream;
import cafe.problem.ProblemException;
import cafe.security.Caller;
import cafe.security.Roles;
import cafe.status.OrderStatusDocument;
import cafe.status.OrderStatusService;
import cafe.status.StatusConfig;
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
    private final StatusConfig config;
    private final StreamsPerCaller streamsPerCaller;
    private final Caller caller;

    OrderStatusResource(
            OrderStatusService statuses, StatusConfig config, StreamsPerCaller streamsPerCaller, Caller caller) {
        this.statuses = statuses;
        this.config = config;
        this.streamsPerCaller = streamsPerCaller;
        this.caller = caller;
    }

    @GET
    @Path("{orderId}")
    public Uni<OrderStatusDocument> getOrderStatus(@RestPath UUID orderId) {
        return statuses.find(orderId)
                .invoke(document -> caller.requireAccess(document.customerId(), "Order status", orderId));
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
    @Blocking
    public Multi<OutboundSseEvent> streamOrderStatus(@RestPath UUID orderId, @Context Sse sse) throws Throwable {
        Predicate<String> access = caller.access();
        // checked before the stream is returned: once it is, the 200 and the headers are sent, and a failure
        // of the stream could only cut the connection
        OrderStatusDocument now = VertxContextSupport.subscribeAndAwait(() -> statuses.findOrNull(orderId));
        if (now != null) {
            caller.requireAccess(now.customerId(), "Order status", orderId);
        }
        Runnable closed = streamsPerCaller.open(caller.subject());
        // an order the view did not know yet: its stream ends, without the document, if it is someone else's
        return LiveStream.of(
                        statuses.follow(orderId).select().first(document -> access.test(document.customerId())),
                        document -> "status",
                        sse,
                        config.streamKeepAlive(),
                        config.streamMaxLifetime())
                .onTermination()
                .invoke(closed);
    }

    @GET
    public Uni<List<OrderStatusDocument>> listOrderStatuses(
            @RestQuery @Size(min = 1, max = 64) String customerId,
            @RestQuery @DefaultValue("0") @Min(0) int page,
            @RestQuery @DefaultValue("20") @Min(1) @Max(100) int size) {
        String whose = caller.customerToActFor(customerId);
        if (whose == null) {
            throw new ProblemException(400, "Bad Request", "customerId: must not be null");
        }
        return statuses.findByCustomer(whose, page, size);
    }
}
