package cafe.payment.rest;

import cafe.payment.ChargeRequest;
import cafe.payment.PaymentResponse;
import cafe.payment.PaymentService;
import cafe.payment.PaymentStatus;
import cafe.problem.ProblemException;
import cafe.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Charges (idempotent per order) and their lookup; internal to the cluster, called by order-service with
 * its service token, never with a customer's.
 */
@Path("/payments")
@Tag(name = "Payments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE)
public class PaymentResource {

    private final PaymentService payments;

    PaymentResource(PaymentService payments) {
        this.payments = payments;
    }

    @POST
    public Uni<Response> chargeOrder(@Valid @NotNull ChargeRequest request, @Context UriInfo uri) {
        return payments.charge(request).map(PaymentResponse::of).map(payment -> {
            if (!payment.status().paid()) {
                throw new ProblemException(
                        402,
                        "Payment Declined",
                        "The charge of order " + payment.orderId() + " was "
                                + (payment.status() == PaymentStatus.VOIDED
                                        ? "voided: the order was settled without it"
                                        : "declined"),
                        Map.of("paymentId", payment.id(), "orderId", payment.orderId()),
                        null);
            }
            return Response.created(uri.getAbsolutePathBuilder()
                            .queryParam("orderId", payment.orderId())
                            .build())
                    .entity(payment)
                    .build();
        });
    }

    @POST
    @Path("/void")
    public Uni<PaymentResponse> voidCharge(@Valid @NotNull ChargeRequest request) {
        return payments.voidCharge(request).map(PaymentResponse::of);
    }

    @GET
    public Uni<List<PaymentResponse>> findPaymentByOrder(@RestQuery @NotNull UUID orderId) {
        return payments.findByOrder(orderId)
                .map(payment -> payment == null ? List.of() : List.of(PaymentResponse.of(payment)));
    }
}
