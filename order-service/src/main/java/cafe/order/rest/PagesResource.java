package cafe.order.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The café's two screens, public like the menu: the customer's page and the barista board. Plain HTML
 * and JavaScript modules (META-INF/resources/ui); each page signs in at the configured OIDC provider,
 * whose address and web client it names.
 */
@Path("/")
@Tag(name = "Pages")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class PagesResource {

    private final String customer;
    private final String barista;

    PagesResource(
            @ConfigProperty(name = "cafe.ui.issuer") String issuer,
            @ConfigProperty(name = "cafe.ui.client-id") String clientId) {
        this.customer = page("customer", issuer, clientId);
        this.barista = page("barista", issuer, clientId);
    }

    @GET
    @Operation(summary = "The customer's page: the menu, ordering, and each order's progress")
    @APIResponse(responseCode = "200", description = "The page")
    public String customer() {
        return customer;
    }

    @GET
    @Path("barista")
    @Operation(summary = "The barista board: the queue, live, with start and finish")
    @APIResponse(responseCode = "200", description = "The page")
    public String barista() {
        return barista;
    }

    private static String page(String name, String issuer, String clientId) {
        try (InputStream in = PagesResource.class.getResourceAsStream("/pages/" + name + ".html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{{issuer}}", escape(issuer))
                    .replace("{{client}}", escape(clientId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }
}
