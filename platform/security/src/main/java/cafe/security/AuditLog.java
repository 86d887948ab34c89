package cafe.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * One line, on the logger {@code cafe.audit}, for every call of an {@link Audited} operation, whatever its
 * answer: who (the token's subject, or "anonymous"), what (method and path, which name the ticket or the
 * operation) and the result (the status).
 */
@Provider
@Audited
public class AuditLog implements ContainerResponseFilter {

    static final String CATEGORY = "cafe.audit";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        LOG.infof(
                "audit: who=%s action=\"%s %s\" result=%d",
                who(request.getSecurityContext()),
                request.getMethod(),
                request.getUriInfo().getRequestUri().getRawPath(),
                response.getStatus());
    }

    private static String who(SecurityContext security) {
        try {
            Principal principal = security.getUserPrincipal();
            if (principal instanceof JsonWebToken token && token.getSubject() != null) {
                return token.getSubject();
            }
            return principal == null ? "anonymous" : principal.getName();
        } catch (RuntimeException notAuthenticated) {
            return "anonymous";
        }
    }
}
