package cafe.order.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * payment-service's operator routes, asked with the operator's own token (payment checks the admin role
 * itself). Every answer comes back as it is, a refusal included (the default mapper is off for this client).
 */
@Path("/ops/payment-service")
@RegisterRestClient(configKey = "payment-operations")
public interface PaymentOperationsClient {

    @GET
    @Path("/health")
    Uni<Response> health(@HeaderParam("Authorization") String authorization);

    @GET
    @Path("/dead-letters")
    Uni<Response> deadLetters(@HeaderParam("Authorization") String authorization);

    @POST
    @Path("/dead-letters/replay")
    Uni<Response> replayDeadLetters(@HeaderParam("Authorization") String authorization);
}
