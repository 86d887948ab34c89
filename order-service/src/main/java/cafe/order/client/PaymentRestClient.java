package cafe.order.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The HTTP contract of payment-service. Package-private on purpose: callers go through
 * {@link PaymentClient}, which adds the timeouts, circuit breaker and fallback this call must never be without.
 * Each call carries order-service's own service token (client credentials), never a customer's.
 */
@Path("/payments")
@RegisterRestClient(configKey = "payment")
@OidcClientFilter
interface PaymentRestClient {

    @POST
    Uni<PaymentReceipt> charge(ChargeRequest request);

    @POST
    @Path("/void")
    Uni<PaymentReceipt> voidCharge(ChargeRequest request);
}
