package cafe.order.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The café's screens, public like the menu: the customer's page, the barista board and the operators' console
 * (whose data only an operator's token gets). Qute templates
 * (templates/PagesResource, on the layout templates/page.html) rendered once, and JavaScript modules
 * (META-INF/resources/ui); each page signs in at the configured OIDC provider, whose address and web client
 * it names. Each page is sent with a Content-Security-Policy: only the
 * café's own scripts and styles run (no inline script or handler, so data that reached the page as markup
 * could not run either), it talks to the café and the provider only, and no other site may frame it.
 */
@Path("/")
@Tag(name = "Pages")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class PagesResource {

    /**
     * A browser that reached a page over HTTPS (the cluster's edge serves nothing else) asks for HTTPS only
     * for a year; over plain HTTP (locally) browsers ignore it.
     */
    static final String STRICT_TRANSPORT = "max-age=31536000";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance customer(String issuer, String clientId);

        static native TemplateInstance barista(String issuer, String clientId);

        static native TemplateInstance ops(String issuer, String clientId);
    }

    private final String customer;
    private final String barista;
    private final String ops;
    private final String contentSecurityPolicy;

    PagesResource(
            @ConfigProperty(name = "cafe.ui.issuer") String issuer,
            @ConfigProperty(name = "cafe.ui.client-id") String clientId) {
        this.customer = Templates.customer(issuer, clientId).render();
        this.barista = Templates.barista(issuer, clientId).render();
        this.ops = Templates.ops(issuer, clientId).render();
        this.contentSecurityPolicy = contentSecurityPolicy(URI.create(issuer));
    }

    @GET
    public RestResponse<String> customerPage() {
        return withPolicy(customer);
    }

    @GET
    @Path("barista")
    public RestResponse<String> baristaBoard() {
        return withPolicy(barista);
    }

    @GET
    @Path("ops")
    public RestResponse<String> operatorsConsole() {
        return withPolicy(ops);
    }

    private RestResponse<String> withPolicy(String page) {
        return RestResponse.ResponseBuilder.ok(page)
                .header("Content-Security-Policy", contentSecurityPolicy)
                .header("Strict-Transport-Security", STRICT_TRANSPORT)
                .build();
    }

    /** The provider's origin is where the pages read its configuration and exchange the sign-in code. */
    static String contentSecurityPolicy(URI issuer) {
        String provider = issuer.getScheme() + "://" + issuer.getAuthority();
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self' " + provider
                + "; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    }
}
