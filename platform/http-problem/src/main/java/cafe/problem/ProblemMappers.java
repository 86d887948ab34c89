package cafe.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where every error of a service becomes an RFC 7807 problem document. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response business(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = problem(e.status(), e.title(), e.getMessage(), uri, e.extensions());
        if (e.retryAfter() != null) {
            response.header("Retry-After", Math.max(1, e.retryAfter().toSeconds()));
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Map<String, String>> violations = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> Map.of("field", field(v), "message", v.getMessage()))
                .toList();
        String detail = violations.stream()
                .map(v -> v.get("field") + ": " + v.get("message"))
                .collect(Collectors.joining("; "));
        return respond(400, "Bad Request", detail, uri, Map.of("violations", violations));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException mapping
                ? mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining("."))
                : "";
        String detail = field.isEmpty() ? "The request body is not valid JSON" : field + ": wrong type or format";
        Map<String, Object> extensions = field.isEmpty()
                ? Map.of()
                : Map.of("violations", List.of(Map.of("field", field, "message", "wrong type or format")));
        return respond(400, "Bad Request", detail, uri, extensions);
    }

    /** Also claims the wrong-type case, which Quarkus would otherwise answer with an empty 400. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json, uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        Response.ResponseBuilder builder =
                problem(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), uri, Map.of());
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (LostConnection.in(e)) {
            Log.warnf("Database unreachable on %s: %s", uri.getPath(), e.getMessage());
            return problem(
                            503,
                            "Service Unavailable",
                            "The service cannot reach its database; please try again shortly",
                            uri,
                            Map.of())
                    .header("Retry-After", 2)
                    .build();
        }
        Log.errorf(e, "Unexpected failure on %s", uri.getPath());
        return respond(500, "Internal Server Error", "An unexpected error occurred; it has been logged", uri, Map.of());
    }

    public static Response respond(
            int status, String title, String detail, UriInfo uri, Map<String, Object> extensions) {
        return problem(status, title, detail, uri, extensions).build();
    }

    private static Response.ResponseBuilder problem(
            int status, String title, String detail, UriInfo uri, Map<String, Object> extensions) {
        Problem problem =
                new Problem("about:blank", title, status, detail, uri == null ? null : uri.getPath(), extensions);
        return Response.status(status).type(Problem.MEDIA).entity(problem);
    }

    /** The request field a violation is about: the last node of the path, without method and parameter names. */
    private static String field(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        return parts.length >= 3
                ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length))
                : parts[parts.length - 1];
    }
}
