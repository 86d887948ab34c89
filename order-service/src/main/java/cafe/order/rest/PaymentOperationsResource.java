package cafe.order.rest;

import cafe.order.client.PaymentOperationsClient;
import cafe.problem.ProblemException;
import cafe.security.Audited;
import cafe.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.function.BiFunction;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * payment-service's operator routes as the edge serves them: payment stays reachable from order-service
 * alone (its network policy), so the edge sends {@code /ops/payment-service} here, and this relays each
 * call with the operator's own token and answers what payment answered.
 */
@Path("/ops/payment-service")
@Tag(name = "Operations", description = "For operators: through the edge at /ops/<service>, the admin role only")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class PaymentOperationsResource {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final PaymentOperationsClient payment;
    private final JsonWebToken token;

    PaymentOperationsResource(@RestClient PaymentOperationsClient payment, JsonWebToken token) {
        this.payment = payment;
        this.token = token;
    }

    @GET
    @Path("/health")
    public Uni<Response> getPaymentHealth() {
        return relay(PaymentOperationsClient::health);
    }

    @GET
    @Path("/dead-letters")
    public Uni<Response> getPaymentDeadLetters() {
        return relay(PaymentOperationsClient::deadLetters);
    }

    @POST
    @Path("/dead-letters/replay")
    @Audited
    public Uni<Response> replayPaymentDeadLetters() {
        return relay(PaymentOperationsClient::replayDeadLetters);
    }

    private Uni<Response> relay(BiFunction<PaymentOperationsClient, String, Uni<Response>> call) {
        return call.apply(payment, "Bearer " + token.getRawToken())
                .map(answer -> Response.status(answer.getStatus())
                        .type(answer.getMediaType())
                        .entity(answer.readEntity(String.class))
                        .build())
                .onFailure(failure -> !(failure instanceof ProblemException))
                .transform(failure -> ProblemException.unavailable(
                        "payment-service does not answer: " + failure.getMessage(), RETRY_AFTER));
    }
}
