package cafe.problem;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** A business error the API reports as a problem document with the given status. */
public class ProblemException extends RuntimeException {

    /** RFC 9457's own members, which an extension must never overwrite. */
    private static final Set<String> STANDARD_MEMBERS = Set.of("type", "title", "status", "detail", "instance");

    private final int status;
    private final String title;
    private final Map<String, Object> extensions;
    private final Duration retryAfter;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, Map.of(), null);
    }

    public ProblemException(
            int status, String title, String detail, Map<String, Object> extensions, Duration retryAfter) {
        super(detail);
        if (extensions.keySet().stream().anyMatch(STANDARD_MEMBERS::contains)) {
            throw new IllegalArgumentException(
                    "An extension may not replace a standard member: " + extensions.keySet());
        }
        this.status = status;
        this.title = title;
        this.extensions = extensions;
        this.retryAfter = retryAfter;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "Not Found", what + " " + id + " does not exist");
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    /** A request that is well-formed but names something invalid, such as an unknown menu item. */
    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(
                422,
                "Unprocessable Content",
                field + ": " + message,
                Map.of("violations", java.util.List.of(Map.of("field", field, "message", message))),
                null);
    }

    /** Try again shortly: the request was not carried out, and may be sent again as it is. */
    public static ProblemException unavailable(String detail, Duration retryAfter) {
        return new ProblemException(503, "Service Unavailable", detail, Map.of(), retryAfter);
    }

    /** One caller asked for more than their share: refused, and worth asking again after the wait. */
    public static ProblemException tooMany(String detail, Duration retryAfter) {
        return new ProblemException(429, "Too Many Requests", detail, Map.of(), retryAfter);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
