package cafe.security;

import cafe.problem.ProblemMappers;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 and 403 as problem documents. Authentication is not proactive, so these failures reach the REST
 * layer: a missing, expired, forged, foreign or unsigned token is 401; a good token without the role, 403.
 */
public class AuthProblems {

    private static final String CHALLENGE = "Bearer realm=\"cafe\"";

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(ProblemMappers.respond(
                        401,
                        "Unauthorized",
                        "A valid bearer token is required: sign in and send it as 'Authorization: Bearer <token>'",
                        uri,
                        Map.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return ProblemMappers.respond(403, "Forbidden", "Your role does not allow this operation", uri, Map.of());
    }
}
