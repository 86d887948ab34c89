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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
    @Operation(
            summary = "Charge an order",
            description =
                    "Idempotent per order: charging an order again returns its first payment"
                            + " (201 again, or 402 again if it was declined), never a second charge. Amounts are in minor units (cents).")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "charge",
                                        value =
                                                "{\"orderId\":\"3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f\",\"amount\":700,\"currency\":\"EUR\"}"),
                                @ExampleObject(
                                        name = "declined",
                                        summary = "Above the approval limit",
                                        value =
                                                "{\"orderId\":\"3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f\",\"amount\":10001,\"currency\":\"EUR\"}")
                            }))
    @APIResponse(
            responseCode = "201",
            description =
                    "Charged: APPROVED, or the order's earlier payment as it is now (possibly REFUNDED); Location finds it by its order",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PaymentResponse.class)))
    @APIResponse(
            responseCode = "400",
            description =
                    "Malformed JSON, wrong type, or a field missing or invalid (amount not positive, currency not ISO 4217)")
    @APIResponse(
            responseCode = "402",
            description = "Declined, now or by an earlier request; the problem names paymentId and orderId")
    @APIResponse(responseCode = "415", description = "Content-Type is not application/json")
    @APIResponse(
            responseCode = "429",
            description = "The processor is at capacity: not charged; try again shortly (Retry-After)",
            headers = @Header(name = "Retry-After", description = "Seconds to wait"))
    @APIResponse(
            responseCode = "503",
            description = "The processor failed: not charged; try again shortly (Retry-After)",
            headers = @Header(name = "Retry-After", description = "Seconds to wait"))
    public Uni<Response> charge(@Valid @NotNull ChargeRequest request, @Context UriInfo uri) {
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
    @Operation(
            summary = "Void an order's charge, unless it happened",
            description = "For an order whose owner stopped waiting: records VOIDED unless the order already has"
                    + " a payment, and answers the order's payment as it is now. A charge that arrives after the"
                    + " void is declined (402). Payment decides which came first, so an order is never rejected"
                    + " while its charge is approved.")
    @APIResponse(
            responseCode = "200",
            description = "The order's payment now: VOIDED, or APPROVED, DECLINED or REFUNDED if a charge came first",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PaymentResponse.class)))
    public Uni<PaymentResponse> voidCharge(@Valid @NotNull ChargeRequest request) {
        return payments.voidCharge(request).map(PaymentResponse::of);
    }

    @GET
    @Operation(
            summary = "Find the payment of an order",
            description = "An order has at most one payment: the list is empty or holds one.")
    @APIResponse(responseCode = "200", description = "The order's payment, or none")
    @APIResponse(responseCode = "400", description = "orderId missing")
    @APIResponse(
            responseCode = "404",
            description = "orderId is not a UUID (an unconvertible query parameter is a 404 in JAX-RS)")
    public Uni<List<PaymentResponse>> findByOrder(
            @Parameter(
                            description = "The order whose payment to find",
                            required = true,
                            example = "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f")
                    @RestQuery
                    @NotNull
                    UUID orderId) {
        return payments.findByOrder(orderId)
                .map(payment -> payment == null ? List.of() : List.of(PaymentResponse.of(payment)));
    }
}
